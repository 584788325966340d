// PEM (RFC 7468) for the CA: encode with a label, or take an input file's DER from PEM or as is.
import { InputError } from '../../errors.js';
import { decodePemBlocks, isPem } from '../../x509/pem.js';

export { encodePem } from '../../x509/pem.js';

/**
 * The DER of the first block whose label is one of `labels`, or the data itself when it is not
 * PEM at all (DER input). `what` and `source` name the input in errors.
 */
export function pemOrDer(data: Buffer, labels: readonly string[], what: string, source: string): Buffer {
  if (!isPem(data)) {
    if (data.length === 0) throw new InputError('INPUT_EMPTY', `cannot read ${what} ${source}: the file is empty. Give a PEM or DER ${what}.`);
    return data;
  }
  const block = decodePemBlocks(data.toString('latin1')).find((b) => labels.includes(b.label));
  if (!block) throw new InputError('PEM_MALFORMED', `cannot read ${what} ${source}: no complete PEM block labelled ${labels.join(' or ')}. Give a PEM or DER ${what}.`);
  if (!block.isStrict || block.der.length === 0) throw new InputError('PEM_MALFORMED', `cannot read ${what} ${source}: the PEM body is not valid base64. Give a PEM or DER ${what}.`);
  return block.der;
}
