// Key types the CA creates (which keys it accepts is keys/key-acceptance.ts), and their names.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { UsageError } from '../errors.js';
import { NAMED_CURVES, namedCurve } from '../keys/key-acceptance.js';
import type { MlDsaParameterSet } from '../x509/ml-dsa.js';

export const KEY_TYPES = ['ec-p256', 'ec-p384', 'rsa-2048', 'rsa-3072', 'rsa-4096', 'ml-dsa-44', 'ml-dsa-65', 'ml-dsa-87'] as const;
export type KeyType = (typeof KEY_TYPES)[number];

export function parseKeyType(text: string): KeyType {
  const found = KEY_TYPES.find((k) => k === text);
  if (!found) throw new UsageError('KEY_TYPE_INVALID', `invalid --key-type: ${JSON.stringify(text)} is not supported. Use one of ${KEY_TYPES.join(', ')}.`);
  return found;
}

/** `ec-p256`, `rsa-3072`, `ml-dsa-65`, ... for any key we accept (also P-521 and odd RSA sizes from CSRs). */
export function keyTypeOf(key: KeyObject | MlDsaParameterSet): string {
  if (typeof key === 'string') return key.toLowerCase();
  if (key.asymmetricKeyType === 'rsa') return `rsa-${key.asymmetricKeyDetails?.modulusLength ?? 0}`;
  return namedCurve(key.asymmetricKeyDetails?.namedCurve)?.keyType ?? `${key.asymmetricKeyType}`;
}

/** RSA and EC only; ML-DSA keys come from generateKey (generate-key.ts). */
export function generateKeyPair(keyType: KeyType): { privateKey: KeyObject; publicKey: KeyObject } {
  if (keyType.startsWith('ml-dsa-')) throw new TypeError(`generateKeyPair: ${keyType} keys come from generateKey`);
  if (keyType.startsWith('rsa-')) return generateKeyPairSync('rsa', { modulusLength: Number(keyType.slice(4)) });
  // Non-null: every ec-* name in KEY_TYPES is a row of NAMED_CURVES.
  return generateKeyPairSync('ec', { namedCurve: NAMED_CURVES.find((curve) => curve.keyType === keyType)!.namedCurve });
}
