// The session's source identity (roles-anywhere.md §4.3): "CN=<cn>" up to 61 characters, the bare
// CN for 62-64, "ID=<hex serial>" without a CN.
import type { NameAttribute } from '../x509/distinguished-name.js';
import { SOURCE_IDENTITY_PATTERN } from './service-limits.js';

export type SourceIdentityResult = { ok: true; sourceIdentity: string } | { ok: false; reason: string };

/**
 * @param serialHex the certificate serial in hex; case is kept (the service's case is unverified).
 */
export function sourceIdentityFor(subject: readonly NameAttribute[], serialHex: string): SourceIdentityResult {
  const cn = subject.find((a) => a.shortName === 'CN')?.value;
  let value: string;
  if (cn === undefined) {
    value = `ID=${serialHex.length % 2 === 1 ? '0' : ''}${serialHex}`;
  } else if (cn.length <= 61) {
    value = `CN=${cn}`;
  } else if (cn.length <= 64) {
    value = cn;
  } else {
    return { ok: false, reason: `the subject CN is ${cn.length} characters, longer than 64` };
  }
  if (!SOURCE_IDENTITY_PATTERN.test(value)) {
    return { ok: false, reason: `source identity ${JSON.stringify(value)} has characters STS does not allow` };
  }
  return { ok: true, sourceIdentity: value };
}
