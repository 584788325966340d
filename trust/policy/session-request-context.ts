// The request context of the AssumeRole that Roles Anywhere makes for a CreateSession
// (roles-anywhere.md §4.4): the condition keys a role trust policy can test. One builder, used by
// the emulator's CreateSession and by `iamra policy explain`, so both decide on the same values.
import { ROLES_ANYWHERE_PRINCIPAL } from './evaluate-trust-policy.js';

export interface SessionRequestFacts {
  trustAnchorArn: string;
  /** The trust anchor's account. */
  account: string;
  /** Principal tags (after attribute mappings), key to value. */
  tags: ReadonlyMap<string, string>;
  sourceIdentity: string;
  roleSessionName: string;
}

export function sessionRequestContext(facts: SessionRequestFacts): Record<string, string | string[]> {
  const context: Record<string, string | string[]> = {
    'aws:SourceArn': facts.trustAnchorArn,
    'aws:SourceAccount': facts.account,
    'aws:PrincipalServiceName': ROLES_ANYWHERE_PRINCIPAL,
    'sts:SourceIdentity': facts.sourceIdentity,
    'sts:RoleSessionName': facts.roleSessionName,
    'aws:TagKeys': [...facts.tags.keys()],
  };
  for (const [key, value] of facts.tags) {
    context[`aws:PrincipalTag/${key}`] = value;
    context[`aws:RequestTag/${key}`] = value;
  }
  return context;
}

/** The default session name: the hex serial, padded to an even length (STS needs two characters). */
export function defaultRoleSessionName(serialHex: string): string {
  return serialHex.length % 2 === 1 ? `0${serialHex}` : serialHex;
}
