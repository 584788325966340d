// Turns a PKCS#11 failure into one clear IamraError, by its CKR_* return value (PKCS#11 v2.40
// §11.1), never by message text; the PIN never appears in a message.
import { InputError, type IamraError } from '../../errors.js';

/** CK_RV values (PKCS#11 v2.40 pkcs11t.h). */
export const CKR = {
  KEY_TYPE_INCONSISTENT: 0x63,
  KEY_FUNCTION_NOT_PERMITTED: 0x68,
  MECHANISM_INVALID: 0x70,
  MECHANISM_PARAM_INVALID: 0x71,
  PIN_INCORRECT: 0xa0,
  PIN_INVALID: 0xa1,
  PIN_LEN_RANGE: 0xa2,
  PIN_EXPIRED: 0xa3,
  PIN_LOCKED: 0xa4,
  TOKEN_NOT_PRESENT: 0xe0,
  TOKEN_NOT_RECOGNIZED: 0xe1,
  USER_ALREADY_LOGGED_IN: 0x100,
  USER_NOT_LOGGED_IN: 0x101,
  CRYPTOKI_ALREADY_INITIALIZED: 0x191,
  ATTRIBUTE_TYPE_INVALID: 0x12,
  ATTRIBUTE_SENSITIVE: 0x11,
  TEMPLATE_INCONSISTENT: 0xd1,
  TEMPLATE_INCOMPLETE: 0xd0,
  DEVICE_REMOVED: 0x32,
} as const;

/**
 * The CK_RV of a pkcs11js error, or undefined for anything else. pkcs11js puts it in a numeric
 * `code` (Node's own errors have string codes). Its class name is no mark: the standalone
 * executable's minifying bundler renames the class, and with it `error.name`.
 */
export function ckrOf(error: unknown): number | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'number' ? code : undefined;
}

export interface TokenErrorContext {
  /** What was being done, e.g. "cannot log in to token ca-token". */
  what: string;
  /** The URI (without its PIN) or module path the user gave. */
  input: string;
}

/** The IamraError for a PKCS#11 failure; anything unknown keeps its CKR name for diagnosis. */
export function tokenError(error: unknown, context: TokenErrorContext): IamraError {
  const rv = ckrOf(error);
  const say = (code: string, why: string, todo: string): IamraError =>
    new InputError(code, `${context.what}: ${why} (${context.input}). ${todo}.`, { cause: error });
  switch (rv) {
    case CKR.PIN_INCORRECT:
    case CKR.PIN_INVALID:
    case CKR.PIN_LEN_RANGE:
      return say('PKCS11_PIN_INCORRECT', 'wrong PIN', 'Check the PIN (pin-value, the pin-source file, or the one typed); the token locks after a few wrong PINs');
    case CKR.PIN_LOCKED:
      return say('PKCS11_PIN_LOCKED', 'the PIN is locked after too many wrong tries', 'Have the security officer unlock or reset the user PIN (a TPM unlocks itself after its lockout recovery time)');
    case CKR.PIN_EXPIRED:
      return say('PKCS11_PIN_EXPIRED', 'the PIN has expired', 'Set a new user PIN with the token\'s tools');
    case CKR.MECHANISM_INVALID:
    case CKR.MECHANISM_PARAM_INVALID:
    case CKR.KEY_TYPE_INCONSISTENT:
      return say('PKCS11_MECHANISM_UNSUPPORTED', 'the token does not support this signature mechanism for this key', 'Use an RSA or EC (P-256/P-384/P-521) key the token can sign with');
    case CKR.KEY_FUNCTION_NOT_PERMITTED:
      return say('PKCS11_KEY_CANNOT_SIGN', 'the key is not allowed to sign (CKA_SIGN is false)', 'Use a key created for signing');
    case CKR.TOKEN_NOT_PRESENT:
    case CKR.DEVICE_REMOVED:
    case CKR.TOKEN_NOT_RECOGNIZED:
      return say('PKCS11_TOKEN_NOT_FOUND', 'the token is not present', 'Insert or initialise the token');
    case CKR.USER_NOT_LOGGED_IN:
      return say('PKCS11_PIN_REQUIRED', 'the token needs a PIN', 'Add ?pin-source=FILE to the URI or run on a terminal to be asked');
    default: {
      const name = error instanceof Error ? error.message.split(/[\s:]/)[0] : 'unknown error';
      return say('PKCS11_ERROR', `the token failed with ${rv !== undefined ? `${name} (0x${rv.toString(16)})` : name}`, 'Check the module and the token with pkcs11-tool -L');
    }
  }
}
