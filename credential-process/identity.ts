// Loads the workload identity named by the flags (official-helper.md §1.3): certificate and key
// files, a combined PEM, or a PKCS#12 file; intermediates; each file read and parsed once.
// Everything is checked here, before any network call.
import type { X509Certificate } from 'node:crypto';
import { InputError, RefusedError, UsageError } from '../errors.js';
import { publicKeysMatch } from '../keys/certificate-chain.js';
import { loadCertificates } from '../keys/load-certificates.js';
import { decideKeyAcceptance } from '../keys/key-acceptance.js';
import { isEncryptedKey, loadPrivateKey } from '../keys/load-private-key.js';
import { isPem } from '../x509/pem.js';
import { readInputFile } from '../io/read-input-file.js';
import { MAX_CHAIN_CERTIFICATES } from '../roles-anywhere/service-limits.js';
import type { SigningKey } from '../keys/signing-key.js';
import type { SessionIdentity } from './session/create-session.js';

export interface IdentityFlags {
  certificate?: string;
  privateKey?: string;
  intermediates?: string;
  pkcs8Password?: string;
}

export interface IdentityEnvironment {
  /** Asks for a secret on the terminal; undefined when there is none. */
  prompt: (question: string) => Promise<string | undefined>;
  /** One diagnostic line on stderr (the RSA-1024 warning). */
  stderr: (line: string) => void;
  /** Reads a named input; the in-process provider also takes contents in place of paths. @default readInput */
  readFile?: (path: string, what: string) => Buffer;
}

/** A certificate whose key may not be loaded yet (the cache is checked before the key is read). */
export interface OpenedIdentity {
  certificate: X509Certificate;
  chain: X509Certificate[];
  loadKey: () => Promise<SigningKey>;
}

const PASSWORD_HINT = 'Pass --pkcs8-password or run on a terminal to be prompted';
/** X-Amz-X509-Chain "MUST NOT exceed the maximum depth of 5 certificates" (roles-anywhere.md §1.3). */

/** Certificates, keys, PKCS#12 files and CA bundles are far smaller. */
export const HELPER_INPUT_MAX_BYTES = 16 * 1024 * 1024;

export function readInput(path: string, what: string): Buffer {
  return readInputFile(path, { what, maxBytes: HELPER_INPUT_MAX_BYTES });
}

function refuseTokenSources(flags: IdentityFlags): void {
  for (const [flag, value] of [['certificate', flags.certificate], ['private-key', flags.privateKey]] as const) {
    if (value?.startsWith('pkcs11:') || value?.startsWith('handle:')) {
      throw new UsageError('UNSUPPORTED_KEY_SOURCE', `invalid --${flag}: PKCS#11 and TPM keys are not supported yet (${value.split('?')[0]}). Use certificate and key files.`);
    }
  }
}

export async function openIdentity(flags: IdentityFlags, env: IdentityEnvironment): Promise<OpenedIdentity> {
  refuseTokenSources(flags);
  if (!flags.certificate) throw new UsageError('MISSING_FLAG', 'missing flag: --certificate is required. Pass --certificate PATH (a PEM/DER certificate, combined PEM or PKCS#12 file).');
  const read = env.readFile ?? readInput;
  const certData = read(flags.certificate, 'certificate');
  if (looksLikePkcs12(certData)) {
    if (flags.intermediates) throw new UsageError('PKCS12_WITH_INTERMEDIATES', `invalid flags: --intermediates cannot be combined with a PKCS#12 --certificate (${flags.certificate}). Put the intermediates in the PKCS#12 file.`);
    if (flags.privateKey) throw new UsageError('PKCS12_WITH_KEY', `invalid flags: --private-key cannot be combined with a PKCS#12 --certificate (${flags.certificate}). Drop --private-key.`);
    return openPkcs12(certData, flags, env);
  }
  // Non-null: loadCertificates throws when the file holds no certificate, so [0] exists.
  const certificate = loadCertificates({ data: certData, source: flags.certificate, role: 'certificate' })[0]!;
  const chain = flags.intermediates ? loadCertificates({ data: read(flags.intermediates, 'intermediates'), source: flags.intermediates, role: 'intermediates' }) : [];
  if (chain.length > MAX_CHAIN_CERTIFICATES) {
    throw new InputError('CHAIN_TOO_LONG', `cannot send the intermediates: ${chain.length} certificates, the service takes at most ${MAX_CHAIN_CERTIFICATES} (${flags.intermediates}). Keep only the CAs between the certificate and the trust anchor.`);
  }
  const keyPath = flags.privateKey ?? flags.certificate;
  const loadKey = async (): Promise<SigningKey> => {
    const data = keyPath === flags.certificate ? certData : read(keyPath, 'private key');
    const passphrase = flags.pkcs8Password || (isEncryptedKey(data) ? await env.prompt(`Enter the password of ${keyPath}: `) : undefined);
    const key = loadPrivateKey({ data, source: keyPath, passphrase, passphraseHint: PASSWORD_HINT, consumer: 'helper' });
    // Non-null: openIdentity refused a missing --certificate before building loadKey.
    assertKeyMatches(key, certificate, keyPath, flags.certificate!);
    warnIfWeak(key, keyPath, env);
    return key;
  };
  return { certificate, chain, loadKey };
}

/** PFX ::= SEQUENCE { version INTEGER (3), ... } (RFC 7292 §4), in DER or BER. */
export function looksLikePkcs12(data: Buffer): boolean {
  if (isPem(data) || data[0] !== 0x30 || data.length < 8) return false;
  // Non-null: data.length >= 8 was checked on the line above, so data[1] exists.
  const header = data[1] === 0x80 ? 2 : data[1]! & 0x80 ? (data[1]! & 0x7f) + 2 : 2;
  return data[header] === 0x02 && data[header + 1] === 0x01 && data[header + 2] === 0x03;
}

async function openPkcs12(data: Buffer, flags: IdentityFlags, env: IdentityEnvironment): Promise<OpenedIdentity> {
  // Loaded only for .p12 files, so the common PEM path does not pay for it.
  const { loadPkcs12 } = await import('../keys/load-pkcs12.js');
  // Non-null: only openIdentity calls this, after refusing a missing --certificate.
  const source = flags.certificate!;
  let password = flags.pkcs8Password ?? '';
  let identity;
  try {
    identity = loadPkcs12({ data, source, password, passwordHint: PASSWORD_HINT });
  } catch (error) {
    if (!(error instanceof InputError) || error.code !== 'PKCS12_PASSWORD_REQUIRED') throw error;
    const typed = await env.prompt(`Enter the password of ${source}: `);
    if (typed === undefined) throw error;
    password = typed;
    identity = loadPkcs12({ data, source, password, passwordHint: PASSWORD_HINT });
  }
  const { key } = identity;
  warnIfWeak(key, source, env);
  return { certificate: identity.certificate, chain: identity.chain, loadKey: async () => key };
}

/** The key-acceptance policy's `warn` verdict for the helper (RSA-1024): one line, then sign. */
export function warnIfWeak(key: SigningKey, source: string, env: IdentityEnvironment): void {
  if (decideKeyAcceptance(key.publicKey, 'helper').verdict === 'warn') {
    const bits = key.publicKey.asymmetricKeyDetails?.modulusLength;
    env.stderr(`iamra: warning: RSA ${bits}-bit key (${source}) is weak: signing with it as aws_signing_helper does. Replace it with RSA 2048+ or EC P-256.`);
  }
}

function assertKeyMatches(key: SigningKey, certificate: X509Certificate, keyPath: string, certPath: string): void {
  if (!publicKeysMatch(key.publicKey, certificate.publicKey)) {
    throw new InputError('KEY_CERT_MISMATCH', `private key does not match the certificate: their public keys differ (${keyPath}, ${certPath}). Give the key the certificate was issued for.`);
  }
}

/** Refuses a certificate outside its validity period: the service would refuse it anyway. */
export function assertCertificateCurrent(certificate: X509Certificate, now: Date, source: string): void {
  const notBefore = new Date(certificate.validFrom);
  const notAfter = new Date(certificate.validTo);
  if (now < notBefore) {
    throw new RefusedError('CERT_NOT_YET_VALID', `certificate is not valid yet: it starts at ${notBefore.toISOString()} (${source}). Check this machine's clock or wait.`);
  }
  if (now > notAfter) {
    throw new RefusedError('CERT_EXPIRED', `certificate has expired: it ended at ${notAfter.toISOString()} (${source}). Renew the certificate.`);
  }
}

export function completeIdentity(opened: OpenedIdentity, key: SigningKey): SessionIdentity {
  return { key, certificate: opened.certificate, chain: opened.chain };
}
