// A leaf certificate for a key that lives on a token (SoftHSM2, the TPM): OpenSSL certifies the
// token key's public key (-force_pubkey) with a CA key file, so the test needs no CSR signed there.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CertifyPublicKeyInput {
  dir: string;
  label: string;
  publicKeyPem: string;
  caCertPath: string;
  caKeyPath: string;
}

/** Writes `<label>.crt` (PEM) into `dir` and returns its path. */
export function certifyPublicKey(input: CertifyPublicKeyInput): string {
  const publicKey = join(input.dir, `${input.label}.pub.pem`);
  writeFileSync(publicKey, input.publicKeyPem);
  const ext = join(input.dir, `${input.label}.ext`);
  writeFileSync(ext, 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n');
  const out = join(input.dir, `${input.label}.crt`);
  execFileSync('openssl', ['x509', '-new', '-subj', `/CN=${input.label}/O=iamra`, '-force_pubkey', publicKey, '-CA', input.caCertPath, '-CAkey', input.caKeyPath, '-days', '1', '-extfile', ext, '-out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
  return out;
}
