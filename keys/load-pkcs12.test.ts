// The PKCS#12 reader against files made by OpenSSL (every supported encryption, passwords empty
// and not), and its robustness: damaged files always end in an InputError, never a crash or hang.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { loadPkcs12 } from './load-pkcs12.js';

let dir: string;

function exportP12(name: string, password: string, args: string[]): Buffer {
  const out = join(dir, `${name}.p12`);
  execFileSync('openssl', ['pkcs12', '-export', '-in', join(dir, 'leaf.crt'), '-inkey', join(dir, 'leaf.key'), '-certfile', join(dir, 'ca.crt'), '-out', out, '-passout', `pass:${password}`, ...args], { stdio: 'pipe' });
  return readFileSync(out);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'iamra-p12-'));
  const run = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  run(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-subj', '/CN=p12 ca', '-days', '2', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=keyCertSign']);
  run(['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'leaf.key', '-out', 'leaf.csr', '-subj', '/CN=p12 leaf']);
  run(['x509', '-req', '-in', 'leaf.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2', '-out', 'leaf.crt']);
});

const load = (data: Buffer, password: string) => loadPkcs12({ data, source: 'test.p12', password, passwordHint: 'Pass --pkcs8-password' });

describe('loadPkcs12', () => {
  const variants: Array<[string, string[]]> = [
    ['default', []],
    ['legacy', ['-legacy']],
    ['3des', ['-certpbe', 'PBE-SHA1-3DES', '-keypbe', 'PBE-SHA1-3DES', '-macalg', 'sha1']],
    ['2des', ['-certpbe', 'PBE-SHA1-2DES', '-keypbe', 'PBE-SHA1-2DES']],
    ['aes128-sha512mac', ['-certpbe', 'AES-128-CBC', '-keypbe', 'AES-128-CBC', '-macalg', 'sha512']],
    ['aes192-sha384mac-iter1', ['-certpbe', 'AES-192-CBC', '-keypbe', 'AES-192-CBC', '-macalg', 'sha384', '-iter', '1']],
  ];
  for (const [name, args] of variants) {
    it(`${name}: finds the key, its certificate and the CA, with and without a password`, () => {
      for (const password of ['', 'pässword']) {
        const identity = load(exportP12(`${name}-${password.length}`, password, args), password);
        expect(identity.certificate.subject).toBe('CN=p12 leaf');
        expect(identity.key.algorithm).toBe('RSA');
        // The CA is self-signed: the trust anchor holds it, so it is not part of the chain.
        expect(identity.chain).toEqual([]);
      }
    });
  }

  it('tells a missing password from a wrong one', () => {
    const data = exportP12('pw', 'secret', []);
    const code = (password: string) => {
      try {
        load(data, password);
        return 'none';
      } catch (error) {
        return error instanceof InputError ? error.code : 'other';
      }
    };
    expect(code('')).toBe('PKCS12_PASSWORD_REQUIRED');
    expect(code('wrong')).toBe('PKCS12_WRONG_PASSWORD');
    expect(code('secret')).toBe('none');
  });

  it('turns every truncation and single-byte corruption into an InputError', () => {
    const data = exportP12('fuzz', 'pw', ['-legacy']);
    const failures = new Set<string>();
    for (let cut = 0; cut < data.length; cut += 7) {
      try {
        load(data.subarray(0, cut), 'pw');
        failures.add(`truncated at ${cut} loaded`);
      } catch (error) {
        if (!(error instanceof InputError)) failures.add(`truncated at ${cut}: ${String(error)}`);
      }
    }
    for (let at = 0; at < data.length; at += 11) {
      const damaged = Buffer.from(data);
      damaged[at] = damaged[at]! ^ 0xff;
      try {
        load(damaged, 'pw');
      } catch (error) {
        if (!(error instanceof InputError)) failures.add(`flipped ${at}: ${String(error)}`);
      }
    }
    expect([...failures]).toEqual([]);
  });
});
