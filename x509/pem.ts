// PEM (RFC 7468; RFC 1421 headers in legacy encrypted keys): splits text into its labelled blocks,
// in file order, decoding each body to DER; and writes one block (RFC 7468 §2, 64-column lines).

export interface PemBlock {
  /** The label, e.g. `CERTIFICATE` or `EC PRIVATE KEY`. */
  label: string;
  der: Buffer;
  /** The block's text, header and footer included (for handing to createPrivateKey). */
  text: string;
  /** Whether the body is base64 alone (no RFC 1421 headers or stray characters), as RFC 7468 §3 strict parsers require. */
  isStrict: boolean;
}

// The boundary line ends before the body, as in OpenSSL and Go's encoding/pem.
const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/g;
const STRICT_BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Every block in the text; comments and text between blocks are ignored. */
export function decodePemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  for (const m of text.matchAll(BLOCK)) {
    // Non-null: both groups of BLOCK take part in every match.
    const raw = m[2]!.replace(/\s+/g, '');
    // Non-null: both groups of BLOCK take part in every match.
    const body = m[2]!
      .split(/\r?\n/)
      // RFC 1421 headers (Proc-Type, DEK-Info) are not base64.
      .filter((line) => !line.includes(':'))
      .join('');
    const isStrict = STRICT_BASE64.test(raw) && raw.length % 4 === 0;
    // Non-null: both groups of BLOCK take part in every match.
    blocks.push({ label: m[1]!, der: Buffer.from(body.replace(/\s+/g, ''), 'base64'), text: m[0], isStrict });
  }
  return blocks;
}

/** One PEM block: the base64 of `der` in lines of 64 characters, with a final newline. */
export function encodePem(label: string, der: Buffer): string {
  const base64 = der.toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < base64.length; i += 64) lines.push(base64.slice(i, i + 64));
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** Whether the data holds a PEM boundary (otherwise it is read as DER). */
export function isPem(data: Uint8Array): boolean {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1').includes('-----BEGIN ');
}
