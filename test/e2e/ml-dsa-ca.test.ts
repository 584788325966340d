// issue 14: the CA with ML-DSA, through the built CLI, checked by an independent implementation
// (Python's cryptography, test/support/ml_dsa_check.py): roots, generated keys, CSRs, CRLs, mixed
// chains; signature algorithms are id-ml-dsa-xx with absent parameters.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { pemOrDer } from '../../ca/x509/pem.js';
import { ML_DSA_PARAMETERS, type MlDsaParameterSet } from '../../x509/ml-dsa.js';
import { readSignedParts } from '../../x509/signed-parts.js';
import { dumpDatabase, expectUserError, iamra, openssl, opensslCsr, tempDir } from '../support/ca-fixture.js';
import { expectPythonOk, runPythonCheck } from '../support/ml-dsa-python.js';
import { signIntermediate } from '../support/sign-ca-certificate.js';

let dir: string;
const SETS: MlDsaParameterSet[] = ['ML-DSA-44', 'ML-DSA-65', 'ML-DSA-87'];

function der(path: string): Buffer {
  return pemOrDer(readFileSync(path), ['CERTIFICATE', 'X509 CRL', 'CERTIFICATE REQUEST'], 'file', path);
}

/** SEQUENCE { OID id-ml-dsa-xx } and nothing else (RFC 9881 §3), inside the TBS too. */
const ALGORITHM_IDENTIFIER_HEX: Record<MlDsaParameterSet, string> = {
  'ML-DSA-44': '300b0609608648016503040311',
  'ML-DSA-65': '300b0609608648016503040312',
  'ML-DSA-87': '300b0609608648016503040313',
};

function expectMlDsaAlgorithm(path: string, set: MlDsaParameterSet): void {
  const signed = readSignedParts(der(path));
  expect(signed.signatureAlgorithmDer.toString('hex')).toBe(ALGORITHM_IDENTIFIER_HEX[set]);
  expect(signed.tbsDer.includes(signed.signatureAlgorithmDer)).toBe(true);
  expect(signed.signature.length).toBe(ML_DSA_PARAMETERS[set].signatureBytes);
}

function run(args: string[]): string {
  const result = iamra(dir, args);
  if (result.status !== 0) throw new Error(`iamra ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

beforeAll(() => {
  dir = tempDir('iamra-ml-dsa-ca-');
});

describe('ML-DSA roots, generated keys and CRLs', () => {
  it.each(SETS)('%s: root, leaf with a generated key, CRL; Python verifies all three', (set) => {
    const name = set.toLowerCase();
    run(['ca', 'init', '--ca', name, '--subject', `CN=${set} Root,O=Example`, '--key-type', name]);
    const root = join(dir, name, 'ca.crt');
    expectPythonOk(['verify-cert', root, root]);
    expect(runPythonCheck(['key-type', root]).stdout).toBe(set);
    expectMlDsaAlgorithm(root, set);
    const show = JSON.parse(run(['ca', 'show', '--ca', name, '--json'])) as { keyType: string; isSelfSigned: boolean };
    expect(show).toMatchObject({ keyType: name, isSelfSigned: true });

    run(['issue', '--ca', name, '--generate-key', '--key-type', name, '--subject', `CN=${name}-leaf`, '--key-out', `${name}.key`, '--cert-out', `${name}.crt`]);
    expectPythonOk(['verify-cert', join(dir, `${name}.crt`), root]);
    expectMlDsaAlgorithm(join(dir, `${name}.crt`), set);
    // The generated key is PKCS#8 (seed form), 0600, and Python reads it as the same parameter set.
    expect(statSync(join(dir, `${name}.key`)).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, `${name}.key`), 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(runPythonCheck(['key-type', join(dir, `${name}.key`)]).stdout).toBe(set);

    run(['revoke', '--ca', name, `${name}.crt`, '--reason', 'keyCompromise']);
    run(['crl', 'generate', '--ca', name, '--out', `${name}.crl`]);
    expectPythonOk(['verify-crl', join(dir, `${name}.crl`), root]);
    expectMlDsaAlgorithm(join(dir, `${name}.crl`), set);
  });

  it('Python refuses a certificate whose signature was tampered with (the check can fail)', () => {
    const bytes = der(join(dir, 'ml-dsa-44.crt'));
    bytes[bytes.length - 5]! ^= 0x01;
    writeFileSync(join(dir, 'tampered.der'), bytes);
    expect(runPythonCheck(['verify-cert', join(dir, 'tampered.der'), join(dir, 'ml-dsa-44', 'ca.crt')]).status).toBe(1);
  });
});

describe('ML-DSA CSRs', () => {
  it('an ML-DSA-87 intermediate CSR verifies in Python, and a root issues from it', () => {
    run(['ca', 'init', '--ca', 'pq-inter', '--intermediate', '--subject', 'CN=PQ Intermediate,O=Example', '--key-type', 'ml-dsa-87']);
    const csr = join(dir, 'pq-inter', 'ca.csr');
    expectPythonOk(['verify-csr', csr]);
    expectMlDsaAlgorithm(csr, 'ML-DSA-87');
    run(['issue', '--ca', 'ml-dsa-65', '--csr', csr, '--subject', 'CN=from-csr', '--cert-out', 'from-csr.crt']);
    expectPythonOk(['verify-cert', join(dir, 'from-csr.crt'), join(dir, 'ml-dsa-65', 'ca.crt')]);
    expect(runPythonCheck(['key-type', join(dir, 'from-csr.crt')]).stdout).toBe('ML-DSA-87');
  });

  it('a CSR whose ML-DSA signature does not verify is refused (exit 3), and nothing is stored', () => {
    const bytes = der(join(dir, 'pq-inter', 'ca.csr'));
    bytes[bytes.length - 10]! ^= 0x01;
    writeFileSync(join(dir, 'bad.csr'), bytes);
    expect(runPythonCheck(['verify-csr', join(dir, 'bad.csr')]).status).toBe(1);
    const before = dumpDatabase(join(dir, 'ml-dsa-65'));
    const line = expectUserError(iamra(dir, ['issue', '--ca', 'ml-dsa-65', '--csr', 'bad.csr', '--subject', 'CN=bad']), 3);
    expect(line).toBe('iamra: cannot use CSR bad.csr: its signature does not verify, so possession of the key is not proven. Create the CSR again with the workload key.');
    expect(dumpDatabase(join(dir, 'ml-dsa-65'))).toBe(before);
  });
});

describe('mixed chains', () => {
  it('an ML-DSA-65 root over an EC P-256 intermediate: leaves verify to the root', async () => {
    run(['ca', 'init', '--ca', 'ec-inter', '--intermediate', '--subject', 'CN=EC Intermediate,O=Example', '--key-type', 'ec-p256']);
    await signIntermediate(join(dir, 'ml-dsa-65'), join(dir, 'ec-inter'), join(dir, 'ec-inter.crt'));
    run(['ca', 'import-cert', '--ca', 'ec-inter', 'ec-inter.crt', '--chain', join('ml-dsa-65', 'ca.crt')]);
    expectPythonOk(['verify-cert', join(dir, 'ec-inter', 'ca.crt'), join(dir, 'ml-dsa-65', 'ca.crt')]);
    opensslCsr(dir, 'ec-leaf');
    run(['issue', '--ca', 'ec-inter', '--csr', 'ec-leaf.csr', '--cert-out', 'ec-leaf.crt']);
    expectPythonOk(['verify-cert', join(dir, 'ec-leaf.crt'), join(dir, 'ec-inter', 'ca.crt')]);
    // OpenSSL 3.0 checks the EC link (it has no ML-DSA for the upper one).
    expect(openssl(['verify', '-partial_chain', '-CAfile', join('ec-inter', 'ca.crt'), 'ec-leaf.crt'], dir).stdout.trim()).toBe('ec-leaf.crt: OK');
  });

  it('an EC P-384 root over an ML-DSA-44 intermediate: ML-DSA leaves verify to the root', async () => {
    run(['ca', 'init', '--ca', 'ec-root', '--subject', 'CN=EC Root,O=Example', '--key-type', 'ec-p384']);
    run(['ca', 'init', '--ca', 'pq-under-ec', '--intermediate', '--subject', 'CN=PQ under EC,O=Example', '--key-type', 'ml-dsa-44']);
    await signIntermediate(join(dir, 'ec-root'), join(dir, 'pq-under-ec'), join(dir, 'pq-under-ec.crt'));
    run(['ca', 'import-cert', '--ca', 'pq-under-ec', 'pq-under-ec.crt', '--chain', join('ec-root', 'ca.crt')]);
    expectPythonOk(['verify-cert', join(dir, 'pq-under-ec', 'ca.crt'), join(dir, 'ec-root', 'ca.crt')]);
    run(['issue', '--ca', 'pq-under-ec', '--generate-key', '--key-type', 'ml-dsa-65', '--subject', 'CN=pq-leaf', '--key-out', 'pq-leaf.key', '--cert-out', 'pq-leaf.crt']);
    expectPythonOk(['verify-cert', join(dir, 'pq-leaf.crt'), join(dir, 'pq-under-ec', 'ca.crt')]);
    expectMlDsaAlgorithm(join(dir, 'pq-leaf.crt'), 'ML-DSA-44');
  });

  it('import-cert refuses an ML-DSA chain that did not sign the certificate', async () => {
    run(['ca', 'init', '--ca', 'orphan', '--intermediate', '--subject', 'CN=Orphan,O=Example', '--key-type', 'ec-p256']);
    await signIntermediate(join(dir, 'ml-dsa-65'), join(dir, 'orphan'), join(dir, 'orphan.crt'));
    const line = expectUserError(iamra(dir, ['ca', 'import-cert', '--ca', 'orphan', 'orphan.crt', '--chain', join('ml-dsa-44', 'ca.crt')]), 3);
    expect(line).toContain('CN=Orphan, O=Example is not signed by the next certificate');
  });
});
