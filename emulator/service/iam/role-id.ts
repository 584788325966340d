// IAM's unique role id (`AROA` and 17 base32 characters), derived from the role ARN so GetRole's
// RoleId and the assumedRoleId CreateSession returns agree without any stored state.
import { createHash } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Text(bytes: Buffer, length: number): string {
  let text = '';
  // Non-null: i % bytes.length is an index into bytes (callers pass random bytes, never none).
  for (let i = 0; i < length; i++) text += BASE32[bytes[i % bytes.length]! % 32];
  return text;
}

export function roleIdFor(roleArn: string): string {
  return `AROA${base32Text(createHash('sha256').update(roleArn).digest(), 17)}`;
}
