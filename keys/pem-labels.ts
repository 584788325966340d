// The PEM blocks a key or certificate file may hold (RFC 7468 §5, §10, §11; OpenSSL's legacy labels).
import type { PemBlock } from '../x509/pem.js';

export const PRIVATE_KEY_LABELS: ReadonlySet<string> = new Set([
  'PRIVATE KEY',
  'ENCRYPTED PRIVATE KEY',
  'RSA PRIVATE KEY',
  'EC PRIVATE KEY',
  'DSA PRIVATE KEY',
  'OPENSSH PRIVATE KEY',
]);

export function certificateBlocks(blocks: readonly PemBlock[]): PemBlock[] {
  return blocks.filter((b) => b.label === 'CERTIFICATE' || b.label === 'X509 CERTIFICATE' || b.label === 'TRUSTED CERTIFICATE');
}

export function privateKeyBlocks(blocks: readonly PemBlock[]): PemBlock[] {
  return blocks.filter((b) => PRIVATE_KEY_LABELS.has(b.label));
}
