// Creates a signing key pair on a token (C_GenerateKeyPair, PKCS#11 v2.40 §5.13): a token
// object, private, sensitive and never extractable, labelled and identified as the URI says.
import { randomBytes } from 'node:crypto';
import { UsageError } from '../../errors.js';
import { tokenError } from './pkcs11-error.js';
import { openPkcs11Module, resolveModulePath } from './pkcs11-module.js';
import { resolvePin, type PromptSecret } from './pkcs11-pin.js';
import { findObjects, login, openSession } from './pkcs11-session.js';
import { openPkcs11SigningKey, type Pkcs11SigningKey } from './pkcs11-signing-key.js';
import { findTokens } from './pkcs11-token.js';
import { parsePkcs11Uri, redactPkcs11Uri } from './pkcs11-uri.js';

export type TokenKeySpec = { kind: 'ec'; curve: 'P-256' | 'P-384' } | { kind: 'rsa'; bits: number };

/** namedCurve OIDs as DER ECParameters (RFC 5480 §2.1.1.1). */
const EC_PARAMS = {
  'P-256': Buffer.from('06082a8648ce3d030107', 'hex'),
  'P-384': Buffer.from('06052b81040022', 'hex'),
};

export interface GenerateTokenKeyInput {
  uri: string;
  modulePath?: string;
  spec: TokenKeySpec;
  prompt?: PromptSecret;
}

export interface GeneratedTokenKey {
  key: Pkcs11SigningKey;
  /** False when the URI named a key that already existed (it is used as it is). */
  isNew: boolean;
}

/** Generates the key unless the URI already names one; returns it opened for signing. */
export async function generateTokenKey(input: GenerateTokenKeyInput): Promise<GeneratedTokenKey> {
  const uri = parsePkcs11Uri(input.uri);
  const shown = redactPkcs11Uri(input.uri);
  if (uri.object === undefined && uri.id === undefined) {
    throw new UsageError('PKCS11_URI_INVALID', `invalid PKCS#11 URI: a new key needs object= (its label) or id= (${shown}). Add e.g. ;object=iamra-ca.`);
  }
  if (input.spec.kind === 'rsa' && (input.spec.bits < 2048 || input.spec.bits > 4096)) {
    throw new UsageError('KEY_TYPE_INVALID', `invalid key type: RSA keys on a token must have 2048 to 4096 bits (${input.spec.bits}). Use rsa-2048, rsa-3072 or rsa-4096.`);
  }
  const module = await openPkcs11Module(resolveModulePath({ flag: input.modulePath, uriModulePath: uri.modulePath }));
  let pin: string | undefined;
  let isNew = false;
  try {
    const tokens = findTokens(module, uri, shown);
    if (tokens.length > 1) throw new UsageError('PKCS11_TOKEN_AMBIGUOUS', `cannot choose the PKCS#11 token for the new key: ${tokens.length} tokens match (${shown}). Add token= or serial= to the URI.`);
    // Non-null: no matching token was refused above and several on the line before, so there is one.
    const token = tokens[0]!;
    const session = openSession(module, token, { isReadWrite: true, shown });
    try {
      pin = await resolvePin({ uri, shown, tokenLabel: token.label, prompt: input.prompt });
      login(session, pin, shown);
      if (findObjects(session, uri, 'private').length === 0) {
        generateOn(module, session.handle, { label: uri.object, id: uri.id ?? randomBytes(8), spec: input.spec }, shown);
        isNew = true;
      }
    } finally {
      session.close();
    }
  } finally {
    module.close();
  }
  const known = pin;
  const key = await openPkcs11SigningKey({ uri: input.uri, modulePath: input.modulePath, prompt: async () => known });
  return { key, isNew };
}

function generateOn(module: Awaited<ReturnType<typeof openPkcs11Module>>, session: Buffer, object: { label?: string; id: Buffer; spec: TokenKeySpec }, shown: string): void {
  const b = module.binding;
  const common = [
    { type: b.CKA_TOKEN, value: true },
    { type: b.CKA_ID, value: object.id },
    ...(object.label !== undefined ? [{ type: b.CKA_LABEL, value: object.label }] : []),
  ];
  const isEc = object.spec.kind === 'ec';
  const publicTemplate = [...common, { type: b.CKA_VERIFY, value: true },
    ...(object.spec.kind === 'ec' ? [{ type: b.CKA_EC_PARAMS, value: EC_PARAMS[object.spec.curve] }] : [{ type: b.CKA_MODULUS_BITS, value: object.spec.bits }, { type: b.CKA_PUBLIC_EXPONENT, value: Buffer.from([1, 0, 1]) }])];
  const privateTemplate = [...common, { type: b.CKA_PRIVATE, value: true }, { type: b.CKA_SIGN, value: true }, { type: b.CKA_SENSITIVE, value: true }, { type: b.CKA_EXTRACTABLE, value: false }];
  try {
    module.lib.C_GenerateKeyPair(session, { mechanism: isEc ? b.CKM_EC_KEY_PAIR_GEN : b.CKM_RSA_PKCS_KEY_PAIR_GEN }, publicTemplate, privateTemplate);
  } catch (error) {
    throw tokenError(error, { what: 'cannot generate the key on the token', input: shown });
  }
}
