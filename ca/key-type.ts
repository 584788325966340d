// Key types the CA creates and accepts (roles-anywhere.md §2: RSA >= 2048, EC P-256/P-384/P-521).
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { UsageError } from '../errors.js';
import type { MlDsaParameterSet } from '../x509/ml-dsa.js';

export const KEY_TYPES = ['ec-p256', 'ec-p384', 'rsa-2048', 'rsa-3072', 'rsa-4096', 'ml-dsa-44', 'ml-dsa-65', 'ml-dsa-87'] as const;
export type KeyType = (typeof KEY_TYPES)[number];

export function parseKeyType(text: string): KeyType {
  const found = KEY_TYPES.find((k) => k === text);
  if (!found) throw new UsageError('KEY_TYPE_INVALID', `invalid --key-type: ${JSON.stringify(text)} is not supported. Use one of ${KEY_TYPES.join(', ')}.`);
  return found;
}

const CURVE_NAMES: Readonly<Record<string, string>> = { prime256v1: 'ec-p256', secp384r1: 'ec-p384', secp521r1: 'ec-p521' };

/** `ec-p256`, `rsa-3072`, `ml-dsa-65`, ... for any key we accept (also P-521 and odd RSA sizes from CSRs). */
export function keyTypeOf(key: KeyObject | MlDsaParameterSet): string {
  if (typeof key === 'string') return key.toLowerCase();
  if (key.asymmetricKeyType === 'rsa') return `rsa-${key.asymmetricKeyDetails?.modulusLength ?? 0}`;
  return CURVE_NAMES[key.asymmetricKeyDetails?.namedCurve ?? ''] ?? `${key.asymmetricKeyType}`;
}

/** RSA and EC only; ML-DSA keys come from generateCaKey (ml-dsa-ca-key.ts). */
export function generateKeyPair(keyType: KeyType): { privateKey: KeyObject; publicKey: KeyObject } {
  if (keyType.startsWith('ml-dsa-')) throw new TypeError(`generateKeyPair: ${keyType} keys come from generateCaKey`);
  if (keyType.startsWith('rsa-')) return generateKeyPairSync('rsa', { modulusLength: Number(keyType.slice(4)) });
  return generateKeyPairSync('ec', { namedCurve: keyType === 'ec-p256' ? 'prime256v1' : 'secp384r1' });
}
