// A session on one token: login, object search by the URI's object/id/type, attribute reads.
import { InputError } from '../../errors.js';
import { CKR, ckrOf, tokenError } from './pkcs11-error.js';
import type { Pkcs11Module } from './pkcs11-module.js';
import type { Pkcs11Token } from './pkcs11-token.js';
import { formatPkcs11Uri, type Pkcs11ObjectType, type Pkcs11Uri } from './pkcs11-uri.js';

export interface Pkcs11Session {
  module: Pkcs11Module;
  token: Pkcs11Token;
  handle: Buffer;
  close(): void;
}

export interface TokenObject {
  handle: Buffer;
  type: Pkcs11ObjectType;
  label: string;
  id: Buffer;
  /** Its URI (token attributes, object, id, type), for listings and messages. */
  uri: string;
}

/** CKF_LOGIN_REQUIRED (CK_TOKEN_INFO flags). */
export const CKF_LOGIN_REQUIRED = 0x4;

export function openSession(module: Pkcs11Module, token: Pkcs11Token, options: { isReadWrite?: boolean; shown: string }): Pkcs11Session {
  const { binding, lib } = module;
  let handle: Buffer;
  try {
    handle = lib.C_OpenSession(token.slot, binding.CKF_SERIAL_SESSION | (options.isReadWrite ? binding.CKF_RW_SESSION : 0));
  } catch (error) {
    throw tokenError(error, { what: `cannot open a session on token ${token.label}`, input: options.shown });
  }
  let isClosed = false;
  return {
    module, token, handle,
    close: () => {
      if (isClosed) return;
      isClosed = true;
      try {
        lib.C_CloseSession(handle);
      } catch {
        // The token went away; nothing is left to release.
      }
    },
  };
}

export function login(session: Pkcs11Session, pin: string, shown: string, userType?: number): void {
  const { binding, lib } = session.module;
  try {
    lib.C_Login(session.handle, userType ?? binding.CKU_USER, pin);
  } catch (error) {
    if (ckrOf(error) === CKR.USER_ALREADY_LOGGED_IN) return;
    throw tokenError(error, { what: `cannot log in to token ${session.token.label}`, input: shown });
  }
}

function classOf(module: Pkcs11Module, type: Pkcs11ObjectType): number {
  const b = module.binding;
  return { private: b.CKO_PRIVATE_KEY, public: b.CKO_PUBLIC_KEY, cert: b.CKO_CERTIFICATE, 'secret-key': b.CKO_SECRET_KEY, data: b.CKO_DATA }[type];
}

export function objectUri(token: Pkcs11Token, object: Pick<TokenObject, 'label' | 'id' | 'type'>): string {
  return formatPkcs11Uri({ token: token.label, manufacturer: token.manufacturer, model: token.model, serial: token.serial, object: object.label || undefined, id: object.id, type: object.type });
}

/** Objects of `type` that match the URI's object= and id=. */
export function findObjects(session: Pkcs11Session, uri: Pick<Pkcs11Uri, 'object' | 'id'>, type: Pkcs11ObjectType): TokenObject[] {
  const { binding, lib } = session.module;
  const template: Array<{ type: number; value: number | string | Buffer }> = [{ type: binding.CKA_CLASS, value: classOf(session.module, type) }];
  if (uri.object !== undefined) template.push({ type: binding.CKA_LABEL, value: Buffer.from(uri.object, 'utf8') });
  if (uri.id !== undefined) template.push({ type: binding.CKA_ID, value: uri.id });
  const handles: Buffer[] = [];
  lib.C_FindObjectsInit(session.handle, template);
  try {
    for (let batch = lib.C_FindObjects(session.handle, 64); batch.length > 0; batch = lib.C_FindObjects(session.handle, 64)) handles.push(...batch);
  } finally {
    lib.C_FindObjectsFinal(session.handle);
  }
  return handles.map((handle) => {
    const [label, id] = readAttributes(session, handle, [binding.CKA_LABEL, binding.CKA_ID]);
    const object = { handle, type, label: label?.toString('utf8') ?? '', id: id ?? Buffer.alloc(0) };
    return { ...object, uri: objectUri(session.token, object) };
  });
}

/** Attribute values in order; undefined for one the object does not have. */
export function readAttributes(session: Pkcs11Session, object: Buffer, types: number[]): Array<Buffer | undefined> {
  const { lib } = session.module;
  return types.map((type) => {
    try {
      return lib.C_GetAttributeValue(session.handle, object, [{ type }])[0]?.value;
    } catch (error) {
      const rv = ckrOf(error);
      if (rv === CKR.ATTRIBUTE_TYPE_INVALID || rv === CKR.ATTRIBUTE_SENSITIVE) return undefined;
      throw error;
    }
  });
}

/** Exactly one object, or a clear error: none found, or several (listed by URI). */
export function exactlyOne(objects: TokenObject[], what: string, shown: string): TokenObject {
  // Non-null: objects.length === 1 on this line.
  if (objects.length === 1) return objects[0]!;
  if (objects.length === 0) {
    throw new InputError('PKCS11_OBJECT_NOT_FOUND', `cannot find the ${what} on the token: no object matches (${shown}). Check object= and id= in the URI (list them with pkcs11-tool -O).`);
  }
  throw new InputError('PKCS11_OBJECT_AMBIGUOUS', `cannot choose the ${what}: ${objects.length} objects match: ${objects.map((o) => o.uri).join(' , ')} (${shown}). Add object= or id= to the URI to name one.`);
}
