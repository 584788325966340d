// Loads the workload identity named by the flags (official-helper.md §1.3): certificate and key
// files, a combined PEM, or a PKCS#12 file; intermediates; each file read and parsed once.
// Everything is checked here, before any network call.
import type { X509Certificate } from 'node:crypto';
import { InputError, RefusedError, UsageError } from '../errors.js';
import { loadCertificates } from '../keys/load-certificates.js';
import { decideKeyAcceptance } from '../keys/key-acceptance.js';
import { isEncryptedKey } from '../keys/load-private-key.js';
import { loadSigningKey } from '../keys/load-signing-key.js';
import { certificateSpki } from '../x509/certificate-spki.js';
import { isPem } from '../x509/pem.js';
import { readInputFile } from '../io/read-input-file.js';
import { MAX_CHAIN_CERTIFICATES } from '../roles-anywhere/service-limits.js';
import { isPkcs11Uri } from '../keys/pkcs11/pkcs11-uri.js';
import { signingKeySpki, type SigningKey } from '../keys/signing-key.js';
import type { SessionIdentity } from './session/create-session.js';

export interface IdentityFlags {
  certificate?: string;
  privateKey?: string;
  intermediates?: string;
  pkcs8Password?: string;
  /** --pkcs11-lib: the PKCS#11 module for pkcs11: URIs. */
  pkcs11Lib?: string;
  /** --reuse-pin: the user PIN again for CKA_ALWAYS_AUTHENTICATE keys. */
  isPinReused?: boolean;
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
  /** Releases what the keys hold (token sessions); a no-op for file keys. Safe to call again. */
  close: () => Promise<void>;
}

const PASSWORD_HINT = 'Pass --pkcs8-password-file, set IAMRA_PKCS8_PASSWORD or run on a terminal to be prompted';
/** Certificates, keys, PKCS#12 files and CA bundles are far smaller. */
export const HELPER_INPUT_MAX_BYTES = 16 * 1024 * 1024;

export function readInput(path: string, what: string): Buffer {
  return readInputFile(path, { what, maxBytes: HELPER_INPUT_MAX_BYTES });
}

function refuseTpmSources(flags: IdentityFlags): void {
  for (const [flag, value] of [['certificate', flags.certificate], ['private-key', flags.privateKey]] as const) {
    if (value?.startsWith('handle:')) {
      throw new UsageError('UNSUPPORTED_KEY_SOURCE', `invalid --${flag}: TPM keys are not supported yet (${value}). Use key files or a pkcs11: URI (tpm2-pkcs11).`);
    }
  }
}

function readIntermediates(flags: IdentityFlags, env: IdentityEnvironment): X509Certificate[] {
  const read = env.readFile ?? readInput;
  const chain = flags.intermediates ? loadCertificates({ data: read(flags.intermediates, 'intermediates'), source: flags.intermediates, role: 'intermediates' }) : [];
  if (chain.length > MAX_CHAIN_CERTIFICATES) {
    throw new InputError('CHAIN_TOO_LONG', `cannot send the intermediates: ${chain.length} certificates, the service takes at most ${MAX_CHAIN_CERTIFICATES} (${flags.intermediates}). Keep only the CAs between the certificate and the trust anchor.`);
  }
  return chain;
}

async function loadFileKey(keyPath: string, flags: IdentityFlags, env: IdentityEnvironment, data?: Buffer): Promise<SigningKey> {
  const bytes = data ?? (env.readFile ?? readInput)(keyPath, 'private key');
  const passphrase = flags.pkcs8Password || (isEncryptedKey(bytes) ? await env.prompt(`Enter the password of ${keyPath}: `) : undefined);
  return loadSigningKey({ data: bytes, source: keyPath, passphrase, passphraseHint: PASSWORD_HINT, consumer: 'helper' });
}

/** A token certificate or key: the PKCS#11 code (and pkcs11js) loads only here. */
async function openTokenIdentity(flags: IdentityFlags, env: IdentityEnvironment): Promise<OpenedIdentity> {
  const chain = readIntermediates(flags, env);
  const { openPkcs11Identity } = await import('./pkcs11-identity.js');
  const identity = await openPkcs11Identity({
    certificate: flags.certificate,
    privateKey: flags.privateKey,
    pkcs11Lib: flags.pkcs11Lib,
    isPinReused: flags.isPinReused === true,
    prompt: env.prompt,
    loadFileKey: (path) => loadFileKey(path, flags, env),
    // Non-null: loadCertificates throws when the file holds no certificate, so [0] exists.
    readFileCertificate: (path) => loadCertificates({ data: readInput(path, 'certificate'), source: path, role: 'certificate' })[0]!,
  });
  return { certificate: identity.certificate, chain, loadKey: identity.loadKey, close: identity.close };
}

export async function openIdentity(flags: IdentityFlags, env: IdentityEnvironment): Promise<OpenedIdentity> {
  refuseTpmSources(flags);
  if (isPkcs11Uri(flags.certificate) || isPkcs11Uri(flags.privateKey)) return openTokenIdentity(flags, env);
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
  const chain = readIntermediates(flags, env);
  const keyPath = flags.privateKey ?? flags.certificate;
  const loadKey = async (): Promise<SigningKey> => {
    const key = await loadFileKey(keyPath, flags, env, keyPath === flags.certificate ? certData : undefined);
    // Non-null: openIdentity refused a missing --certificate before building loadKey.
    assertKeyMatches(key, certificate, keyPath, flags.certificate!);
    warnIfWeak(key, keyPath, env);
    return key;
  };
  return { certificate, chain, loadKey, close: async () => {} };
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
  return { certificate: identity.certificate, chain: identity.chain, loadKey: async () => key, close: async () => {} };
}

/** The key-acceptance policy's `warn` verdict for the helper (RSA-1024): one line, then sign. */
export function warnIfWeak(key: SigningKey, source: string, env: IdentityEnvironment): void {
  if (key.algorithm !== 'ML-DSA' && decideKeyAcceptance(key.publicKey, 'helper').verdict === 'warn') {
    const bits = key.publicKey.asymmetricKeyDetails?.modulusLength;
    env.stderr(`iamra: warning: RSA ${bits}-bit key (${source}) is weak: signing with it as aws_signing_helper does. Replace it with RSA 2048+ or EC P-256.`);
  }
}

function assertKeyMatches(key: SigningKey, certificate: X509Certificate, keyPath: string, certPath: string): void {
  if (!signingKeySpki(key).equals(certificateSpki(certificate))) {
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
