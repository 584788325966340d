// The workload identity when --certificate or --private-key is a pkcs11: URI (official-helper.md
// §1.3): the certificate read from the token (or a file), the key on the token (or a file).
// Loaded through import() only for such URIs: it reaches the pkcs11js native addon.
import type { X509Certificate } from 'node:crypto';
import { InputError } from '../errors.js';
import { certificateSpki } from '../x509/certificate-spki.js';
import { chooseTokenCertificate, listTokenCertificates } from '../keys/pkcs11/pkcs11-certificates.js';
import { openPkcs11SigningKey, type Pkcs11SigningKey } from '../keys/pkcs11/pkcs11-signing-key.js';
import { isPkcs11Uri, redactPkcs11Uri } from '../keys/pkcs11/pkcs11-uri.js';
import { signingKeySpki, type SigningKey } from '../keys/signing-key.js';

export interface Pkcs11IdentityInput {
  certificate?: string;
  privateKey?: string;
  pkcs11Lib?: string;
  isPinReused: boolean;
  prompt: (question: string) => Promise<string | undefined>;
  /** Loads a file key (the caller's file path) for a token certificate with a key file. */
  loadFileKey: (path: string) => Promise<SigningKey>;
  /** Reads a certificate file (a token key with a certificate file). */
  readFileCertificate: (path: string) => X509Certificate;
}

export interface Pkcs11Identity {
  certificate: X509Certificate;
  /** What to name the certificate in messages. */
  certificateSource: string;
  loadKey: () => Promise<SigningKey>;
  /** Closes the token session a key was opened with; safe to call again. */
  close: () => Promise<void>;
}

/** A certificate URI also names its key (as with a combined PEM file): drop type=cert. */
function keyUriOf(certificateUri: string): string {
  return certificateUri.replace(/;type=cert(?=[;?]|$)|(?<=:)type=cert;?/, '');
}

export async function openPkcs11Identity(input: Pkcs11IdentityInput): Promise<Pkcs11Identity> {
  const opened: SigningKey[] = [];
  const openTokenKey = async (uri: string): Promise<Pkcs11SigningKey> => {
    const key = await openPkcs11SigningKey({ uri, modulePath: input.pkcs11Lib, isPinReused: input.isPinReused, prompt: input.prompt });
    opened.push(key);
    return key;
  };
  const close = async (): Promise<void> => {
    for (const key of opened.splice(0)) await key.close?.();
  };
  try {
    return { ...(await selectIdentity(input, openTokenKey)), close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function selectIdentity(input: Pkcs11IdentityInput, openTokenKey: (uri: string) => Promise<Pkcs11SigningKey>): Promise<Omit<Pkcs11Identity, 'close'>> {
  const tokenCertificate = isPkcs11Uri(input.certificate) ? input.certificate : undefined;
  const keySource = input.privateKey ?? (tokenCertificate ? keyUriOf(tokenCertificate) : undefined);
  const isTokenKey = isPkcs11Uri(keySource);
  let eagerKey: SigningKey | undefined;
  let certificate: X509Certificate;
  let certificateSource: string;
  if (tokenCertificate) {
    certificateSource = redactPkcs11Uri(tokenCertificate);
    const found = await listTokenCertificates({ uri: tokenCertificate, modulePath: input.pkcs11Lib });
    // Non-null: the token code runs only with a pkcs11: --certificate or --private-key, so keySource is set (the key, or the token certificate's key).
    if (found.length > 1) eagerKey = isTokenKey ? await openTokenKey(keySource!) : await input.loadFileKey(keySource!);
    certificate = chooseTokenCertificate(found, eagerKey?.algorithm === 'ML-DSA' ? undefined : eagerKey?.publicKey, certificateSource).certificate;
  } else if (input.certificate) {
    certificateSource = input.certificate;
    certificate = input.readFileCertificate(input.certificate);
  } else {
    // Only a token key: its certificate is the one on the same token with its public key.
    // Non-null: the token code runs only with a pkcs11: --certificate or --private-key, so keySource is set (the key, or the token certificate's key).
    eagerKey = await openTokenKey(keySource!);
    // Non-null: the token code runs only with a pkcs11: --certificate or --private-key, so keySource is set (the key, or the token certificate's key).
    certificateSource = redactPkcs11Uri(keySource!);
    // Non-null: the token code runs only with a pkcs11: --certificate or --private-key, so keySource is set (the key, or the token certificate's key).
    const found = await listTokenCertificates({ uri: keySource!, modulePath: input.pkcs11Lib, isWholeToken: true });
    certificate = chooseTokenCertificate(found, eagerKey.publicKey, certificateSource).certificate;
  }
  const loadKey = async (): Promise<SigningKey> => {
    // Non-null: the token code runs only with a pkcs11: --certificate or --private-key, so keySource is set (the key, or the token certificate's key).
    const key = eagerKey ?? (isTokenKey ? await openTokenKey(keySource!) : await input.loadFileKey(keySource!));
    if (!signingKeySpki(key).equals(certificateSpki(certificate))) {
      // Non-null: the token code runs only with a pkcs11: --certificate or --private-key, so keySource is set (the key, or the token certificate's key).
      throw new InputError('KEY_CERT_MISMATCH', `private key does not match the certificate: their public keys differ (${isTokenKey ? redactPkcs11Uri(keySource!) : keySource}, ${certificateSource}). Give the key the certificate was issued for.`);
    }
    return key;
  };
  return { certificate, certificateSource, loadKey };
}
