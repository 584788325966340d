// ML-DSA private keys (issue 14, RFC 9881 §6): the three PKCS#8 forms, PEM and DER, plain and
// PBES2-encrypted, for 44/65/87; keys from Python's cryptography; signatures Python verifies;
// and the bad inputs that must be one clear InputError (exit 3).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { expectPythonOk, runPythonCheck } from '../test/support/ml-dsa-python.js';
import { loadMlDsaEngine, type MlDsaEngine } from '../x509/ml-dsa-engine.js';
import { implicitPrimitive, octetString, sequence, smallInteger } from '../x509/der-writer.js';
import { encodeMlDsaSpki, ML_DSA_PARAMETER_SETS, ML_DSA_PARAMETERS, mlDsaAlgorithmIdentifier, type MlDsaParameterSet } from '../x509/ml-dsa.js';
import { encodePem } from '../x509/pem.js';
import { encryptPrivateKeyDer } from './encrypt-private-key.js';
import { loadSigningKey } from './load-signing-key.js';
import { encodeMlDsaPrivateKey, generateMlDsaKey, type MlDsaKeyForm } from './ml-dsa-key.js';
import { signingKeySpki, type SigningKey } from './signing-key.js';

let engine: MlDsaEngine;
const dir = mkdtempSync(join(tmpdir(), 'iamra-ml-dsa-key-'));
beforeAll(async () => {
  engine = await loadMlDsaEngine();
});

async function expectSignsForPython(key: SigningKey, spki: Buffer, set: MlDsaParameterSet): Promise<void> {
  expect(key.algorithm).toBe('ML-DSA');
  expect(key.algorithm === 'ML-DSA' && key.parameterSet).toBe(set);
  expect(signingKeySpki(key).equals(spki)).toBe(true);
  const message = randomBytes(100);
  const signature = await key.sign(message);
  expect(signature.length).toBe(ML_DSA_PARAMETERS[set].signatureBytes);
  const spkiPath = join(dir, `${set}-${randomBytes(4).toString('hex')}.spki.der`);
  const messagePath = `${spkiPath}.msg`;
  writeFileSync(spkiPath, spki);
  writeFileSync(messagePath, message);
  expectPythonOk(['verify-signature', spkiPath, messagePath, signature.toString('hex')]);
}

const FORMS: MlDsaKeyForm[] = ['seed', 'expanded', 'both'];
const CASES = ML_DSA_PARAMETER_SETS.flatMap((set) => FORMS.flatMap((form) => (['pem', 'der'] as const).flatMap((encoding) => [false, true].map((isEncrypted) => ({ set, form, encoding, isEncrypted })))));

describe('ML-DSA PKCS#8 keys that iamra reads and signs with', () => {
  it.each(CASES)('$set $form $encoding encrypted=$isEncrypted', async ({ set, form, encoding, isEncrypted }) => {
    const key = generateMlDsaKey(ML_DSA_PARAMETERS[set], randomBytes(32), engine);
    const plain = encodeMlDsaPrivateKey(key, form);
    const der = isEncrypted ? encryptPrivateKeyDer({ key: plain, passphrase: 'pw', salt: randomBytes(16), iv: randomBytes(16), iterations: 1000 }) : plain;
    const data = encoding === 'der' ? der : Buffer.from(encodePem(isEncrypted ? 'ENCRYPTED PRIVATE KEY' : 'PRIVATE KEY', der));
    const loaded = await loadSigningKey({ data, source: 'key.pem', passphrase: isEncrypted ? 'pw' : undefined });
    await expectSignsForPython(loaded, key.subjectPublicKeyInfo, set);
  });

  it.each(ML_DSA_PARAMETER_SETS)('%s: keys written by Python cryptography (seed form), plain and encrypted, PEM and DER', async (set) => {
    const prefix = join(dir, `py-${set}`);
    expectPythonOk(['keygen', set, prefix, 'pässword']);
    const spki = readFileSync(`${prefix}.spki.der`);
    for (const [file, passphrase] of [['key.pem', undefined], ['key.der', undefined], ['key.enc.pem', 'pässword']] as const) {
      const loaded = await loadSigningKey({ data: readFileSync(`${prefix}.${file}`), source: file, passphrase });
      await expectSignsForPython(loaded, spki, set);
    }
  });

  it('Python verifies nothing else: a flipped signature byte fails there (the check can fail)', async () => {
    const key = generateMlDsaKey(ML_DSA_PARAMETERS['ML-DSA-44'], randomBytes(32), engine);
    const message = Buffer.from('message');
    const signature = engine.sign('ML-DSA-44', key.secretKey, message);
    signature[10]! ^= 1;
    writeFileSync(join(dir, 'flip.spki'), key.subjectPublicKeyInfo);
    writeFileSync(join(dir, 'flip.msg'), message);
    expect(runPythonCheck(['verify-signature', join(dir, 'flip.spki'), join(dir, 'flip.msg'), signature.toString('hex')]).status).toBe(1);
  });

  it('a wrong passphrase on an encrypted ML-DSA key is a wrong passphrase, not a parse error', async () => {
    const key = generateMlDsaKey(ML_DSA_PARAMETERS['ML-DSA-65'], randomBytes(32), engine);
    const der = encryptPrivateKeyDer({ key: encodeMlDsaPrivateKey(key, 'seed'), passphrase: 'right', salt: randomBytes(16), iv: randomBytes(16), iterations: 1000 });
    await expect(loadSigningKey({ data: der, source: 'k.der', passphrase: 'wrong' })).rejects.toMatchObject({ code: 'KEY_WRONG_PASSPHRASE', exitCode: 3 });
  });
});

/** A PrivateKeyInfo with `set`'s OID around a hand-made CHOICE. */
function pkcs8(set: MlDsaParameterSet, inner: Buffer): Buffer {
  return sequence(smallInteger(0), mlDsaAlgorithmIdentifier(set), octetString(inner));
}
const seedChoice = (seed: Buffer) => implicitPrimitive(0, seed);
const expandedChoice = (sk: Buffer) => octetString(sk);
const bothChoice = (seed: Buffer, sk: Buffer) => sequence(octetString(seed), octetString(sk));

describe('bad ML-DSA keys: one clear line, exit 3', () => {
  const BAD: Array<[string, () => Buffer, RegExp]> = [
    ['a 31-byte seed', () => pkcs8('ML-DSA-65', seedChoice(randomBytes(31))), /ML-DSA-65 seed is 31 bytes, not 32/],
    ['a truncated expanded key', () => pkcs8('ML-DSA-65', expandedChoice(generateMlDsaKey(ML_DSA_PARAMETERS['ML-DSA-65'], randomBytes(32), engine).secretKey.subarray(0, 4000))), /expanded key is 4000 bytes, not 4032/],
    ['an ML-DSA-87 expanded key under the ML-DSA-44 OID', () => pkcs8('ML-DSA-44', expandedChoice(generateMlDsaKey(ML_DSA_PARAMETERS['ML-DSA-87'], randomBytes(32), engine).secretKey)), /ML-DSA-44 expanded key is 4896 bytes, not 2560/],
    ['a seed and an expanded key of different keys', () => {
      const a = generateMlDsaKey(ML_DSA_PARAMETERS['ML-DSA-44'], randomBytes(32), engine);
      const b = generateMlDsaKey(ML_DSA_PARAMETERS['ML-DSA-44'], randomBytes(32), engine);
      return pkcs8('ML-DSA-44', bothChoice(a.seed!, b.secretKey));
    }, /ML-DSA-44 seed and expanded key do not match/],
    ['a private key that is not DER', () => pkcs8('ML-DSA-65', Buffer.from([0x04, 0x05, 1, 2])), /private key is not DER/],
  ];
  it.each(BAD)('%s', async (_name, make, message) => {
    const error = await loadSigningKey({ data: Buffer.from(encodePem('PRIVATE KEY', make())), source: 'bad.pem' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ code: 'ML_DSA_KEY_INVALID', exitCode: 3 });
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toContain('bad.pem');
    expect((error as Error).message.split('\n')).toHaveLength(1);
  });

  it('an SPKI whose key does not fit the OID is refused by the SPKI reader', async () => {
    const { readMlDsaSpki } = await import('../x509/ml-dsa.js');
    expect(() => readMlDsaSpki(encodeMlDsaSpki('ML-DSA-65', randomBytes(1312)))).toThrow(/ML-DSA-65 public key is 1312 bytes, not 1952/);
  });
});
