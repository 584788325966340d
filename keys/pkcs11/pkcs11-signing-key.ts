// A SigningKey over a private key on a PKCS#11 token. RSA: CKM_RSA_PKCS over a DigestInfo;
// ECDSA: CKM_ECDSA over a digest computed here (SoftHSM 2.6 has no CKM_ECDSA_SHA256), the raw
// r||s turned into DER. Keys with CKA_ALWAYS_AUTHENTICATE get a context-specific login per
// signature (the user PIN again with --reuse-pin, else a prompt).
import { createHash } from 'node:crypto';
import { IamraError, InputError, UsageError } from '../../errors.js';
import type { ClassicSigningKey, Digest } from '../signing-key.js';
import { DIGEST_INFO_PREFIX, ecdsaRawToDer } from './ecdsa-der.js';
import { ckrOf, tokenError } from './pkcs11-error.js';
import { openPkcs11Module, resolveModulePath, type Pkcs11Module } from './pkcs11-module.js';
import type { PromptSecret } from './pkcs11-pin.js';
import { resolvePin } from './pkcs11-pin.js';
import { assertSupportedCurve, tokenKeyType, tokenPublicKey } from './pkcs11-public-key.js';
import { CKF_LOGIN_REQUIRED, exactlyOne, findObjects, login, openSession, readAttributes, type Pkcs11Session, type TokenObject } from './pkcs11-session.js';
import { findTokens, tokenUri, type Pkcs11Token } from './pkcs11-token.js';
import { parsePkcs11Uri, redactPkcs11Uri, type Pkcs11Uri } from './pkcs11-uri.js';

export interface OpenPkcs11KeyOptions {
  /** The pkcs11: URI of the private key. */
  uri: string;
  /** --pkcs11-lib; else the URI's module-path, else p11-kit's proxy. */
  modulePath?: string;
  /** Use the user PIN again for CKA_ALWAYS_AUTHENTICATE keys (--reuse-pin). */
  isPinReused?: boolean;
  prompt?: PromptSecret;
}

export interface Pkcs11SigningKey extends ClassicSigningKey {
  /** The key object's URI, without any PIN. */
  uri: string;
  session: Pkcs11Session;
  close(): Promise<void>;
}

/** The one token holding the object: several matching tokens narrowed by their public objects. */
function chooseToken(module: Pkcs11Module, uri: Pkcs11Uri, shown: string): Pkcs11Token {
  const tokens = findTokens(module, uri, shown);
  // Non-null: tokens.length === 1 on this line.
  if (tokens.length === 1) return tokens[0]!;
  const holding = tokens.filter((token) => {
    const session = openSession(module, token, { shown });
    try {
      return findObjects(session, uri, 'public').length + findObjects(session, uri, 'cert').length > 0;
    } finally {
      session.close();
    }
  });
  // Non-null: holding.length === 1 on this line.
  if (holding.length === 1) return holding[0]!;
  const listed = (holding.length ? holding : tokens).map(tokenUri).join(' , ');
  throw new UsageError('PKCS11_TOKEN_AMBIGUOUS', `cannot choose the PKCS#11 token: several match: ${listed} (${shown}). Add token= or serial= to the URI.`);
}

export async function openPkcs11SigningKey(options: OpenPkcs11KeyOptions): Promise<Pkcs11SigningKey> {
  const uri = parsePkcs11Uri(options.uri);
  const shown = redactPkcs11Uri(options.uri);
  if (uri.type !== undefined && uri.type !== 'private') {
    throw new UsageError('PKCS11_URI_INVALID', `invalid PKCS#11 URI: a key URI must have type=private or no type, not type=${uri.type} (${shown}). Name the private key.`);
  }
  const module = await openPkcs11Module(resolveModulePath({ flag: options.modulePath, uriModulePath: uri.modulePath }));
  let session: Pkcs11Session | undefined;
  try {
    const token = chooseToken(module, uri, shown);
    session = openSession(module, token, { shown });
    const pin = token.flags & CKF_LOGIN_REQUIRED ? await resolvePin({ uri, shown, tokenLabel: token.label, prompt: options.prompt }) : undefined;
    if (pin !== undefined) login(session, pin, shown);
    const object = exactlyOne(findObjects(session, uri, 'private'), 'private key', shown);
    return keyOver(session, object, { ...options, pin, shown });
  } catch (error) {
    session?.close();
    module.close();
    throw error;
  }
}

interface KeyContext extends OpenPkcs11KeyOptions {
  pin?: string;
  shown: string;
}

/** The PIN for a context-specific login, and whether the user typed it at the prompt. */
interface ContextPin {
  pin: string;
  isTyped: boolean;
}

function keyOver(session: Pkcs11Session, object: TokenObject, context: KeyContext): Pkcs11SigningKey {
  const { binding, lib } = session.module;
  const algorithm = tokenKeyType(session, object, context.shown);
  if (algorithm === 'EC') assertSupportedCurve(session, object, context.shown);
  const publicKey = tokenPublicKey(session, object, algorithm, context.shown);
  const [always] = readAttributes(session, object.handle, [binding.CKA_ALWAYS_AUTHENTICATE]);
  const isAlwaysAuthenticate = always !== undefined && always[0] === 1;
  const failure = (error: unknown) => tokenError(error, { what: `cannot sign with the token key ${object.label || object.uri}`, input: context.shown });
  const mechanism = algorithm === 'RSA' ? binding.CKM_RSA_PKCS : binding.CKM_ECDSA;
  const toSign = (data: Uint8Array, digest: Digest): Buffer => {
    const hash = createHash(digest).update(data).digest();
    return algorithm === 'RSA' ? Buffer.concat([DIGEST_INFO_PREFIX[digest], hash]) : hash;
  };
  const loginForSignature = (given: ContextPin | undefined): void => {
    try {
      login(session, given?.pin ?? '', context.shown, binding.CKU_CONTEXT_SPECIFIC);
    } catch (error) {
      // A PIN typed at the prompt: the advice is to type it again, not to check a PIN source.
      if (!given?.isTyped || !(error instanceof IamraError) || error.code !== 'PKCS11_PIN_INCORRECT') throw error;
      throw new InputError('PKCS11_PIN_INCORRECT', `cannot sign with the token key ${object.label || object.uri}: the PIN typed for this signature is wrong (${context.shown}). Run again and type the token's user PIN; the token locks after a few wrong PINs.`, { cause: error.cause });
    }
  };
  const signWith = (input: Buffer, contextPin: ContextPin | undefined): Buffer => {
    try {
      lib.C_SignInit(session.handle, { mechanism }, object.handle);
      if (isAlwaysAuthenticate) loginForSignature(contextPin);
      const raw = lib.C_Sign(session.handle, input, Buffer.alloc(1024));
      return algorithm === 'EC' ? ecdsaRawToDer(raw) : Buffer.from(raw);
    } catch (error) {
      // By CK_RV, not by class name (the executable's minifier renames pkcs11js's Pkcs11Error).
      throw ckrOf(error) !== undefined ? failure(error) : error;
    }
  };
  const contextPin = async (): Promise<ContextPin | undefined> => {
    if (!isAlwaysAuthenticate) return undefined;
    if (context.isPinReused && context.pin !== undefined) return { pin: context.pin, isTyped: false };
    const typed = context.prompt ? await context.prompt(`Enter the PIN of token ${session.token.label} (for this signature): `) : undefined;
    if (typed === undefined) {
      throw new UsageError('PKCS11_CONTEXT_PIN_REQUIRED', `cannot sign with the token key: it needs its PIN for every signature (CKA_ALWAYS_AUTHENTICATE) and there is no terminal to ask on (${context.shown}). Pass --reuse-pin.`);
    }
    return { pin: typed, isTyped: true };
  };
  let isClosed = false;
  return {
    algorithm,
    publicKey,
    uri: object.uri,
    session,
    sign: async (data, digest = 'sha256') => signWith(toSign(data, digest), await contextPin()),
    close: async () => {
      if (isClosed) return;
      isClosed = true;
      session.close();
      session.module.close();
    },
  };
}
