// The CK_RV -> error code table, with errors built by pkcs11js itself (its Pkcs11Error parses the
// native "CKR_NAME:value" message into a numeric code). Rows no module here produces (an expired
// PIN, a removed device) are checked only here; CKR_PIN_LOCKED is also reached for real on the
// TPM (test/e2e/tpm-workload.test.ts), CKR_MECHANISM_INVALID and CKR_KEY_FUNCTION_NOT_PERMITTED
// on SoftHSM2 (test/e2e/helper-pkcs11-keys.test.ts).
import { Pkcs11Error } from 'pkcs11js';
import { describe, expect, it } from 'vitest';
import { IamraError } from '../../errors.js';
import { ckrOf, tokenError } from './pkcs11-error.js';

/** An error as pkcs11js throws it for a failed call. */
function thrown(name: string, value: number): Error {
  return new Pkcs11Error(`${name}:${value}`, 0, 'C_Sign');
}

const ROWS: Array<{ ckr: string; value: number; code: string; why: string }> = [
  { ckr: 'CKR_PIN_INCORRECT', value: 0xa0, code: 'PKCS11_PIN_INCORRECT', why: 'wrong PIN' },
  { ckr: 'CKR_PIN_INVALID', value: 0xa1, code: 'PKCS11_PIN_INCORRECT', why: 'wrong PIN' },
  { ckr: 'CKR_PIN_LEN_RANGE', value: 0xa2, code: 'PKCS11_PIN_INCORRECT', why: 'wrong PIN' },
  { ckr: 'CKR_PIN_EXPIRED', value: 0xa3, code: 'PKCS11_PIN_EXPIRED', why: 'the PIN has expired' },
  { ckr: 'CKR_PIN_LOCKED', value: 0xa4, code: 'PKCS11_PIN_LOCKED', why: 'the PIN is locked after too many wrong tries' },
  { ckr: 'CKR_MECHANISM_INVALID', value: 0x70, code: 'PKCS11_MECHANISM_UNSUPPORTED', why: 'the token does not support this signature mechanism for this key' },
  { ckr: 'CKR_MECHANISM_PARAM_INVALID', value: 0x71, code: 'PKCS11_MECHANISM_UNSUPPORTED', why: 'the token does not support this signature mechanism for this key' },
  { ckr: 'CKR_KEY_TYPE_INCONSISTENT', value: 0x63, code: 'PKCS11_MECHANISM_UNSUPPORTED', why: 'the token does not support this signature mechanism for this key' },
  { ckr: 'CKR_KEY_FUNCTION_NOT_PERMITTED', value: 0x68, code: 'PKCS11_KEY_CANNOT_SIGN', why: 'the key is not allowed to sign (CKA_SIGN is false)' },
  { ckr: 'CKR_TOKEN_NOT_PRESENT', value: 0xe0, code: 'PKCS11_TOKEN_NOT_FOUND', why: 'the token is not present' },
  { ckr: 'CKR_DEVICE_REMOVED', value: 0x32, code: 'PKCS11_TOKEN_NOT_FOUND', why: 'the token is not present' },
  { ckr: 'CKR_TOKEN_NOT_RECOGNIZED', value: 0xe1, code: 'PKCS11_TOKEN_NOT_FOUND', why: 'the token is not present' },
  { ckr: 'CKR_USER_NOT_LOGGED_IN', value: 0x101, code: 'PKCS11_PIN_REQUIRED', why: 'the token needs a PIN' },
  { ckr: 'CKR_DEVICE_ERROR', value: 0x30, code: 'PKCS11_ERROR', why: 'the token failed with CKR_DEVICE_ERROR (0x30)' },
];

describe('tokenError: CK_RV to a stable code, exit 3, one line', () => {
  for (const row of ROWS) {
    it(`${row.ckr} -> ${row.code}`, () => {
      const error = thrown(row.ckr, row.value);
      expect(ckrOf(error)).toBe(row.value);
      const mapped = tokenError(error, { what: 'cannot sign with the token key k', input: 'pkcs11:token=t;object=k' });
      expect(mapped).toBeInstanceOf(IamraError);
      expect(mapped.code).toBe(row.code);
      expect(mapped.exitCode).toBe(3);
      expect(mapped.message).toMatch(new RegExp(`^cannot sign with the token key k: ${row.why.replace(/[()]/g, '\\$&')} \\(pkcs11:token=t;object=k\\)\\. [A-Z][^\\n]+\\.$`));
    });
  }

  it('an error whose class was renamed (the minified executable) is still recognised by its code', () => {
    const error = thrown('CKR_PIN_LOCKED', 0xa4);
    Object.defineProperty(error, 'name', { value: 'e' });
    expect(tokenError(error, { what: 'cannot log in to token t', input: 'pkcs11:token=t' }).code).toBe('PKCS11_PIN_LOCKED');
  });

  it('an error without a CK_RV is a PKCS11_ERROR naming no value', () => {
    const mapped = tokenError(new Error('boom'), { what: 'cannot log in to token t', input: 'pkcs11:token=t' });
    expect(mapped.code).toBe('PKCS11_ERROR');
    expect(mapped.message).toBe('cannot log in to token t: the token failed with boom (pkcs11:token=t). Check the module and the token with pkcs11-tool -L.');
  });
});
