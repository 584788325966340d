// PEM (RFC 7468): the DER blocks of a given label.

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

export interface PemBlock {
  label: string;
  der: Buffer;
}

export function pemBlocks(text: string): PemBlock[] {
  return [...text.matchAll(PEM_BLOCK)].map((m) => ({ label: m[1]!, der: Buffer.from(m[2]!.replace(/\s+/g, ''), 'base64') }));
}

/** Whether the text has anything besides PEM blocks and whitespace. */
export function hasStrayText(text: string): boolean {
  return text.replace(PEM_BLOCK, '').trim() !== '';
}
