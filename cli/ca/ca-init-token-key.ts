// `ca init --key pkcs11:...`: the CA key generated on (or found on) a PKCS#11 token, for initCa.
import { UsageError } from '../../errors.js';
import { keyTypeOf, type KeyType } from '../../ca/key-type.js';
import type { TokenCaKey } from '../../ca/init-ca.js';
import { promptSecret } from '../../io/tty-prompt.js';
import type { TokenKeySpec } from '../../keys/pkcs11/generate-token-key.js';
import { isPkcs11Uri, redactPkcs11Uri, withModulePath } from '../../keys/pkcs11/pkcs11-uri.js';

export interface OpenedTokenCaKey {
  tokenKey: TokenCaKey;
  /** The key type the token key really has (an existing key keeps its own). */
  keyType: KeyType;
  isNew: boolean;
}

function specOf(keyType: KeyType): TokenKeySpec {
  if (keyType.startsWith('rsa-')) return { kind: 'rsa', bits: Number(keyType.slice(4)) };
  return { kind: 'ec', curve: keyType === 'ec-p256' ? 'P-256' : 'P-384' };
}

/** The PIN: the URI's pin-value or pin-source, else $IAMRA_CA_PIN, else a prompt. */
export async function openTokenCaKey(reference: string, keyType: KeyType, pkcs11Lib: string | undefined): Promise<OpenedTokenCaKey> {
  if (!isPkcs11Uri(reference)) {
    throw new UsageError('KEY_REFERENCE_INVALID', `invalid --key: ca init takes a pkcs11: URI (${reference.split('?')[0]}). Omit --key to write ca.key, or pass pkcs11:token=NAME;object=LABEL.`);
  }
  // The token code (and the pkcs11js native addon) loads only for --key.
  const { generateTokenKey } = await import('../../keys/pkcs11/generate-token-key.js');
  const pin = process.env.IAMRA_CA_PIN;
  const { key, isNew } = await generateTokenKey({ uri: reference, modulePath: pkcs11Lib, spec: specOf(keyType), prompt: pin !== undefined ? async () => pin : promptSecret });
  // ca.json records where the key is, never its PIN; the module goes into the URI's module-path.
  const shown = redactPkcs11Uri(reference);
  const recorded = pkcs11Lib !== undefined ? withModulePath(shown, pkcs11Lib) : shown;
  return { tokenKey: { key, reference: recorded }, keyType: keyTypeOf(key.publicKey) as KeyType, isNew };
}
