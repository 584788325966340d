// The condition keys a role's trust policy sees when Roles Anywhere assumes the role
// (roles-anywhere.md §4, §6): the trust anchor as source, the account, the service principal,
// source identity, session name, and each principal tag as PrincipalTag and RequestTag.
import { ROLES_ANYWHERE_SERVICE_PRINCIPAL } from './constants.js';

export interface TrustPolicyContextInput {
  trustAnchorArn: string;
  account: string;
  sourceIdentity: string;
  roleSessionName: string;
  /** Principal tags, key (`x509Subject/CN`) to value. */
  tags: ReadonlyMap<string, string>;
}

export type TrustPolicyContext = Record<string, string | string[]>;

export function trustPolicyContext(input: TrustPolicyContextInput): TrustPolicyContext {
  const context: TrustPolicyContext = {
    'aws:SourceArn': input.trustAnchorArn,
    'aws:SourceAccount': input.account,
    'aws:PrincipalServiceName': ROLES_ANYWHERE_SERVICE_PRINCIPAL,
    'sts:SourceIdentity': input.sourceIdentity,
    'sts:RoleSessionName': input.roleSessionName,
    'aws:TagKeys': [...input.tags.keys()],
  };
  for (const [key, value] of input.tags) {
    context[`aws:PrincipalTag/${key}`] = value;
    context[`aws:RequestTag/${key}`] = value;
  }
  return context;
}

/** The default session name: the hex serial, padded to an even length (STS needs two characters). */
export function defaultRoleSessionName(serialHex: string): string {
  return serialHex.length % 2 === 1 ? `0${serialHex}` : serialHex;
}
