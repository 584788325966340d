// buildIssueRequest on hostile input: every mutated CSR either parses or fails as an InputError
// (a clear exit 3), never as an internal error.
import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { IamraError, InputError } from '../errors.js';
import { buildIssueRequest } from './issue-request.js';
import { nullValue, oid, sequence } from '../x509/der-writer.js';
import { wrapSigned } from './x509/certificate.js';
import { encodeCsrInfo } from './x509/csr-builder.js';
import { encodeName, nameAttribute } from './x509/distinguished-name.js';
import { subjectAltName } from './x509/extensions.js';
import { parseSubjectAltName } from './x509/subject-alt-name.js';

function csr(keyType: 'ec' | 'rsa'): Buffer {
  const { privateKey, publicKey } = keyType === 'ec' ? generateKeyPairSync('ec', { namedCurve: 'prime256v1' }) : generateKeyPairSync('rsa', { modulusLength: 2048 });
  const info = encodeCsrInfo({
    subjectDer: encodeName([nameAttribute('CN', 'fuzz'), nameAttribute('OU', 'a'), nameAttribute('DC', 'example')]),
    subjectPublicKeyInfo: publicKey.export({ format: 'der', type: 'spki' }),
    extensions: [subjectAltName(['dns:fuzz.example.com', 'uri:spiffe://example.com/f', 'ip:10.0.0.1', 'dirname:CN=x'].map(parseSubjectAltName))],
  });
  const identifier = keyType === 'ec' ? sequence(oid('1.2.840.10045.4.3.2')) : sequence(oid('1.2.840.113549.1.1.11'), nullValue());
  return wrapSigned(info, identifier, sign('sha256', info, privateKey));
}

/** A small deterministic PRNG (mulberry32) so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe('buildIssueRequest with mutated CSRs', () => {
  it.each(['ec', 'rsa'] as const)('%s: 1500 single-byte mutations give only a request or an InputError', (keyType) => {
    const original = csr(keyType);
    expect(buildIssueRequest({ csrData: original, sanTexts: [] }).sans).toHaveLength(4);
    const next = random(keyType === 'ec' ? 1 : 2);
    const outcomes = new Map<string, number>();
    for (let i = 0; i < 1500; i++) {
      const mutated = Buffer.from(original);
      const at = Math.floor(next() * mutated.length);
      mutated[at] = i % 3 === 0 ? mutated[at]! ^ (1 << Math.floor(next() * 8)) : Math.floor(next() * 256);
      try {
        buildIssueRequest({ csrData: mutated, csrSource: 'fuzz.csr', sanTexts: [] });
        outcomes.set('ok', (outcomes.get('ok') ?? 0) + 1);
      } catch (error) {
        if (!(error instanceof InputError)) throw new Error(`mutation at ${at} threw ${(error as Error).name}: ${(error as Error).message}`);
        expect(error).toBeInstanceOf(IamraError);
        outcomes.set((error as InputError).code, (outcomes.get((error as InputError).code) ?? 0) + 1);
      }
    }
    expect(outcomes.get('CSR_SIGNATURE_INVALID')).toBeGreaterThan(0);
    expect(outcomes.get('CSR_MALFORMED')).toBeGreaterThan(0);
  });
});
