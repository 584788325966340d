// Finds the token a pkcs11: URI names (RFC 7512 §2.3: every given attribute must match) among the
// module's slots with an initialised token.
import type { TokenInfo } from 'pkcs11js';
import { InputError } from '../../errors.js';
import type { Pkcs11Module } from './pkcs11-module.js';
import { formatPkcs11Uri, type Pkcs11Uri } from './pkcs11-uri.js';

export interface Pkcs11Token {
  slot: Buffer;
  slotId: bigint;
  label: string;
  manufacturer: string;
  model: string;
  serial: string;
  flags: number;
}

/** CKF_TOKEN_INITIALIZED (PKCS#11 v2.40 §3.2, CK_TOKEN_INFO flags). */
const CKF_TOKEN_INITIALIZED = 0x400;

function describeToken(slot: Buffer, info: TokenInfo): Pkcs11Token {
  return {
    slot,
    slotId: slot.length >= 8 ? slot.readBigUInt64LE(0) : BigInt(slot.readUInt32LE(0)),
    label: info.label.trimEnd(),
    manufacturer: info.manufacturerID.trimEnd(),
    model: info.model.trimEnd(),
    serial: info.serialNumber.trimEnd(),
    flags: info.flags,
  };
}

export function tokenUri(token: Pkcs11Token): string {
  return formatPkcs11Uri({ token: token.label, manufacturer: token.manufacturer, model: token.model, serial: token.serial });
}

function matches(module: Pkcs11Module, token: Pkcs11Token, uri: Pkcs11Uri): boolean {
  if (uri.token !== undefined && uri.token !== token.label) return false;
  if (uri.manufacturer !== undefined && uri.manufacturer !== token.manufacturer) return false;
  if (uri.model !== undefined && uri.model !== token.model) return false;
  if (uri.serial !== undefined && uri.serial !== token.serial) return false;
  if (uri.slotId !== undefined && BigInt(uri.slotId) !== token.slotId) return false;
  if (uri.slotDescription !== undefined || uri.slotManufacturer !== undefined) {
    const slot = module.lib.C_GetSlotInfo(token.slot);
    if (uri.slotDescription !== undefined && uri.slotDescription !== slot.slotDescription.trimEnd()) return false;
    if (uri.slotManufacturer !== undefined && uri.slotManufacturer !== slot.manufacturerID.trimEnd()) return false;
  }
  return true;
}

function libraryMatches(module: Pkcs11Module, uri: Pkcs11Uri): boolean {
  if (uri.libraryManufacturer === undefined && uri.libraryDescription === undefined && uri.libraryVersion === undefined) return true;
  const info = module.lib.C_GetInfo();
  if (uri.libraryManufacturer !== undefined && uri.libraryManufacturer !== info.manufacturerID.trimEnd()) return false;
  if (uri.libraryDescription !== undefined && uri.libraryDescription !== info.libraryDescription.trimEnd()) return false;
  const version = `${info.libraryVersion.major}.${info.libraryVersion.minor}`;
  return uri.libraryVersion === undefined || uri.libraryVersion === version || `${uri.libraryVersion}.0` === version;
}

/** Every initialised token of the module. */
export function listTokens(module: Pkcs11Module): Pkcs11Token[] {
  return module.lib.C_GetSlotList(true)
    .map((slot) => describeToken(slot, module.lib.C_GetTokenInfo(slot)))
    .filter((token) => (token.flags & CKF_TOKEN_INITIALIZED) !== 0);
}

/** The tokens the URI selects; none is an error that lists what is there. */
export function findTokens(module: Pkcs11Module, uri: Pkcs11Uri, shown: string): Pkcs11Token[] {
  const all = listTokens(module);
  const found = libraryMatches(module, uri) ? all.filter((token) => matches(module, token, uri)) : [];
  if (found.length === 0) {
    const present = all.length ? `tokens present: ${all.map((t) => `"${t.label}"`).join(', ')}` : 'the module has no initialised token';
    throw new InputError('PKCS11_TOKEN_NOT_FOUND', `cannot find the PKCS#11 token: no token matches, ${present} (${shown}). Check token=, serial= or slot-id= in the URI and the module.`);
  }
  return found;
}
