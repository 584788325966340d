// PEM (RFC 7468): encode with a label, decode one or all blocks, or accept DER as is.
import { InputError } from '../../errors.js';

export function encodePem(label: string, der: Buffer): string {
  const base64 = der.toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < base64.length; i += 64) lines.push(base64.slice(i, i + 64));
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

/** Every PEM block in `text` with its label and DER bytes. */
export function decodePemBlocks(text: string): Array<{ label: string; der: Buffer }> {
  return [...text.matchAll(BLOCK)].map((m) => {
    const body = m[2]!.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body) || body.length % 4 !== 0) return { label: m[1]!, der: Buffer.alloc(0) };
    return { label: m[1]!, der: Buffer.from(body, 'base64') };
  });
}

/**
 * The DER of the first block whose label is one of `labels`, or the data itself when it is not
 * PEM at all (DER input). `what` and `source` name the input in errors.
 */
export function pemOrDer(data: Buffer, labels: readonly string[], what: string, source: string): Buffer {
  const text = data.toString('latin1');
  if (!text.includes('-----BEGIN')) {
    if (data.length === 0) throw new InputError('INPUT_EMPTY', `cannot read ${what} ${source}: the file is empty. Give a PEM or DER ${what}.`);
    return data;
  }
  const block = decodePemBlocks(text).find((b) => labels.includes(b.label));
  if (!block) throw new InputError('PEM_MALFORMED', `cannot read ${what} ${source}: no complete PEM block labelled ${labels.join(' or ')}. Give a PEM or DER ${what}.`);
  if (block.der.length === 0) throw new InputError('PEM_MALFORMED', `cannot read ${what} ${source}: the PEM body is not valid base64. Give a PEM or DER ${what}.`);
  return block.der;
}
