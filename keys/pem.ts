// PEM text (RFC 7468): splits a file into its labelled blocks, in file order.

export interface PemBlock {
  /** The label, e.g. `CERTIFICATE` or `EC PRIVATE KEY`. */
  label: string;
  der: Buffer;
  /** The block's text, header and footer included (for handing to createPrivateKey). */
  text: string;
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/g;

/** Every block in the text; comments and text between blocks are ignored. */
export function parsePemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  for (const m of text.matchAll(BLOCK)) {
    const body = m[2]!
      .split(/\r?\n/)
      // RFC 1421 headers (Proc-Type, DEK-Info) are not base64.
      .filter((line) => !line.includes(':'))
      .join('');
    blocks.push({ label: m[1]!, der: Buffer.from(body.replace(/\s+/g, ''), 'base64'), text: m[0] });
  }
  return blocks;
}

export function isPem(data: Buffer): boolean {
  return data.toString('latin1').includes('-----BEGIN ');
}

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
