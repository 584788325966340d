// STS GetCallerIdentity for the credentials CreateSession issued: the assumed-role ARN with the
// session name, the account, and UserId `AROA...:SESSION` (botocore sts 2011-06-15).
import type { IssuedCredential } from './issued-credentials.js';

export interface CallerIdentity {
  UserId: string;
  Account: string;
  Arn: string;
}

export function getCallerIdentity(caller: Readonly<IssuedCredential>): CallerIdentity {
  return { UserId: caller.assumedRoleId, Account: caller.account, Arn: caller.assumedRoleArn };
}
