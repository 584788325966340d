// Use-case `iamra policy trust`: a trust policy from the CLI's matches, or from an issuance
// template stored in the CA.
import { openCa } from '../ca/open-ca.js';
import type { StoreLocation } from '../ca/ca-config.js';
import { showTemplate } from '../ca/manage-templates.js';
import { parseTemplate } from '../ca/policy/template.js';
import { templateTrustConditions } from '../ca/policy/template-trust-conditions.js';
import { UsageError } from '../errors.js';
import { parseRolesAnywhereArn } from '../roles-anywhere/arn.js';
import { buildTrustPolicy, isPrincipalTagKey, type TagMatch } from '../trust/index.js';

export interface WriteTrustPolicyInput {
  trustAnchorArn: string;
  /** `x509Subject/CN=web-*` as given on the command line. */
  matches: readonly string[];
  sourceIdentities: readonly string[];
  /** The CA's template; `store` overrides ca.json's store (--store, IAMRA_STORE). */
  template?: TemplateSource;
}

interface TemplateSource {
  caDir: string;
  store?: StoreLocation;
  name: string;
}

export interface WrittenTrustPolicy {
  policy: Record<string, unknown>;
  notes: string[];
}

/** Whether `text` is a trust anchor ARN, by the one ARN rule of roles-anywhere/. */
export function isTrustAnchorArn(text: string): boolean {
  return parseRolesAnywhereArn(text, 'trust-anchor') !== undefined;
}

export async function writeTrustPolicy(input: WriteTrustPolicyInput): Promise<WrittenTrustPolicy> {
  if (!isTrustAnchorArn(input.trustAnchorArn)) {
    throw new UsageError('ARN_INVALID', `invalid --trust-anchor-arn: not a trust anchor ARN (${input.trustAnchorArn}). It looks like arn:aws:rolesanywhere:REGION:ACCOUNT:trust-anchor/UUID.`);
  }
  const matches = input.matches.map(parseMatch);
  const derived = input.template ? await templateConditions(input.template) : { conditions: [], notes: [] };
  return { policy: buildTrustPolicy({ trustAnchorArn: input.trustAnchorArn, matches, sourceIdentities: input.sourceIdentities, conditions: derived.conditions }), notes: derived.notes };
}

export function parseMatch(text: string): TagMatch {
  const equals = text.indexOf('=');
  const tagKey = equals < 0 ? text : text.slice(0, equals);
  if (equals < 0 || !isPrincipalTagKey(tagKey)) {
    throw new UsageError('MATCH_INVALID', `invalid --match: expected TAG=VALUE with a Roles Anywhere tag such as x509Subject/CN, x509Issuer/O, x509SAN/DNS, x509SAN/URI or x509SAN/Name/CN (${text}). Fix the match.`);
  }
  return { tagKey, value: text.slice(equals + 1) };
}

async function templateConditions(template: TemplateSource): Promise<ReturnType<typeof templateTrustConditions>> {
  const ca = await openCa({ dir: template.caDir, ...(template.store ? { store: template.store } : {}) });
  try {
    const body = await showTemplate(ca.store, template.name);
    return templateTrustConditions(parseTemplate(template.name, JSON.stringify(body)));
  } finally {
    await ca.close();
  }
}
