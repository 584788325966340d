// The key-reference seam shared by the CA and tools: `file:PATH` (PEM/DER, maybe encrypted) or a
// `pkcs11:` URI (RFC 7512) names a signing key; either way the caller gets a SigningKey.
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { describeFileError, InputError, UsageError } from '../errors.js';
import { isEncryptedKey, loadPrivateKey } from './load-private-key.js';
import { isPkcs11Uri } from './pkcs11/pkcs11-uri.js';
import type { SigningKey } from './signing-key.js';

export interface OpenSigningKeyOptions {
  /** Directory a relative `file:` path is resolved against (the CA directory). */
  baseDir?: string;
  /** Asked only for an encrypted key file. */
  passphrase?: () => Promise<string>;
  passphraseHint?: string;
  /** --pkcs11-lib; else the URI's module-path, else p11-kit's proxy. */
  pkcs11Lib?: string;
  /** A token PIN when the URI has neither pin-value nor pin-source (e.g. $IAMRA_CA_PIN). */
  pin?: string;
  /** Reuse the PIN for CKA_ALWAYS_AUTHENTICATE keys. */
  isPinReused?: boolean;
  prompt?: (question: string) => Promise<string | undefined>;
}

const FILE_SCHEME = 'file:';

export function isKeyReference(ref: string): boolean {
  return ref.startsWith(FILE_SCHEME) || isPkcs11Uri(ref);
}

/** The file a `file:` reference names, resolved against `baseDir`. */
export function keyReferencePath(ref: string, baseDir = '.'): string {
  const path = ref.slice(FILE_SCHEME.length).replace(/^\/\/(localhost)?(?=\/)/, '');
  return isAbsolute(path) ? path : resolve(baseDir, path);
}

export async function openSigningKey(ref: string, options: OpenSigningKeyOptions = {}): Promise<SigningKey> {
  if (isPkcs11Uri(ref)) {
    // The token code (and the pkcs11js native addon) loads only for a pkcs11: reference.
    const { openPkcs11SigningKey } = await import('./pkcs11/pkcs11-signing-key.js');
    const { pin } = options;
    const prompt = pin !== undefined ? async () => pin : options.prompt;
    return openPkcs11SigningKey({ uri: ref, modulePath: options.pkcs11Lib, isPinReused: options.isPinReused, prompt });
  }
  if (!ref.startsWith(FILE_SCHEME)) {
    throw new UsageError('KEY_REFERENCE_INVALID', `invalid key reference: it is neither file:PATH nor a pkcs11: URI (${ref.split('?')[0]}). Write file:ca.key or pkcs11:token=NAME;object=LABEL.`);
  }
  const path = keyReferencePath(ref, options.baseDir);
  let data: Buffer;
  try {
    data = readFileSync(path);
  } catch (error) {
    throw new InputError('KEY_UNREADABLE', `cannot read key ${path}: ${describeFileError(error)}. Check the key reference.`, { cause: error });
  }
  const passphrase = isEncryptedKey(data) && options.passphrase ? await options.passphrase() : undefined;
  return loadPrivateKey({ data, source: path, passphrase, passphraseHint: options.passphraseHint });
}
