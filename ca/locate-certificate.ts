// Finds the one stored certificate an argument names: a full serial, a unique serial prefix, or
// a certificate file this CA issued (show, export, renew).
import { InputError } from '../errors.js';
import type { CertificateRecord, CertStore } from './store/cert-store.js';
import { normaliseSerialHex } from './x509/serial-number.js';

/** How many candidates an ambiguous prefix names in its error. */
export const AMBIGUOUS_SHOWN = 5;

export type CertificateReference =
  | { serialText: string }
  /** A certificate file's DER and serial (the caller parsed it). */
  | { certificateDer: Buffer; serialHex: string; source: string };

export async function locateCertificate(store: CertStore, reference: CertificateReference): Promise<CertificateRecord> {
  if ('certificateDer' in reference) return byFile(store, reference);
  const exact = normaliseSerialHex(reference.serialText);
  const found = exact === undefined ? undefined : await store.findCertificate(exact);
  if (found) return found;
  // A prefix keeps its leading zeros and odd length: stored serials are whole-byte lower-case hex.
  const prefix = reference.serialText.trim().replace(/^0x/i, '').replace(/:/g, '').toLowerCase();
  const candidates = /^[0-9a-f]+$/.test(prefix) ? await store.findCertificatesBySerialPrefix(prefix, AMBIGUOUS_SHOWN + 1) : [];
  // Non-null: candidates.length === 1 in this branch.
  if (candidates.length === 1) return candidates[0]!;
  if (candidates.length > 1) {
    const shown = candidates.slice(0, AMBIGUOUS_SHOWN).map((c) => c.serialHex).join(', ');
    throw new InputError('SERIAL_AMBIGUOUS', `serial prefix ${prefix} is ambiguous: it matches ${shown}${candidates.length > AMBIGUOUS_SHOWN ? ' and more' : ''}. Give more digits.`);
  }
  throw new InputError('CERT_NOT_FOUND', `no certificate ${prefix} in this CA (neither a serial nor a serial prefix). Check it with "iamra list".`);
}

async function byFile(store: CertStore, reference: { certificateDer: Buffer; serialHex: string; source: string }): Promise<CertificateRecord> {
  const record = await store.findCertificate(reference.serialHex);
  if (!record || !record.der.equals(reference.certificateDer)) {
    throw new InputError('CERT_NOT_FROM_THIS_CA', `certificate ${reference.source} (serial ${reference.serialHex}) was not issued by this CA. Check the file and --ca.`);
  }
  return record;
}
