// `ca init --key pkcs11:...`: the CA key generated on (or found on) a PKCS#11 token, for initCa.
import { UsageError } from '../../errors.js';
import { keyTypeOf, type KeyType } from '../../ca/key-type.js';
import type { TokenCaKey } from '../../ca/init-ca.js';
import type { TokenKeySpec } from '../../keys/pkcs11/generate-token-key.js';
import type { Pkcs11SigningKey } from '../../keys/pkcs11/pkcs11-signing-key.js';
import { isPkcs11Uri, redactPkcs11Uri } from '../../keys/pkcs11/pkcs11-uri.js';

export interface OpenedTokenCaKey {
  tokenKey: TokenCaKey;
  /** The key type the token key really has (an existing key keeps its own). */
  keyType: KeyType;
  isNew: boolean;
  key: Pkcs11SigningKey;
}

function specOf(keyType: KeyType): TokenKeySpec {
  if (keyType.startsWith('rsa-')) return { kind: 'rsa', bits: Number(keyType.slice(4)) };
  return { kind: 'ec', curve: keyType === 'ec-p256' ? 'P-256' : 'P-384' };
}

export async function openTokenCaKey(reference: string, keyType: KeyType, pkcs11Lib: string | undefined): Promise<OpenedTokenCaKey> {
  if (!isPkcs11Uri(reference)) {
    throw new UsageError('KEY_REFERENCE_INVALID', `invalid --key: ca init takes a pkcs11: URI (${reference.split('?')[0]}). Omit --key to write ca.key, or pass pkcs11:token=NAME;object=LABEL.`);
  }
  const { generateTokenKey } = await import('../../keys/pkcs11/generate-token-key.js');
  const { promptSecret } = await import('../../keys/tty-prompt.js');
  const pin = process.env.IAMRA_CA_PIN;
  const { key, isNew } = await generateTokenKey({ uri: reference, modulePath: pkcs11Lib, spec: specOf(keyType), prompt: pin !== undefined ? async () => pin : promptSecret });
  const actual = keyTypeOf(key.publicKey) as KeyType;
  return { tokenKey: { publicKey: key.publicKey, signSync: key.signSync, reference: redactPkcs11Uri(reference), pkcs11Lib }, keyType: actual, isNew, key };
}
