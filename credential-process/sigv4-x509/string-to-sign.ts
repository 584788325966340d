// Credential scope and string to sign (roles-anywhere.md §1.4 step 2).
import { createHash } from 'node:crypto';
import { SCOPE_TERMINATOR, SERVICE_NAME } from './constants.js';

/** `YYYYMMDD/{region}/rolesanywhere/aws4_request` */
export function credentialScope(shortDate: string, region: string): string {
  return `${shortDate}/${region}/${SERVICE_NAME}/${SCOPE_TERMINATOR}`;
}

export interface StringToSignInput {
  algorithm: string;
  /** X-Amz-Date, `YYYYMMDDTHHMMSSZ`. */
  amzDate: string;
  scope: string;
  canonicalRequest: string;
}

export function stringToSign(input: StringToSignInput): string {
  const hash = createHash('sha256').update(input.canonicalRequest).digest('hex');
  return `${input.algorithm}\n${input.amzDate}\n${input.scope}\n${hash}`;
}
