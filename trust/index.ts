// Trust logic shared by the emulator and policy tooling: certificate attributes, tag mapping,
// source identity and the trust-policy evaluator with its explanation.
export {
  CERTIFICATE_FIELDS,
  defaultAttributeMappings,
  deleteAttributeMapping,
  normalizeSpecifier,
  putAttributeMapping,
  type AttributeMapping,
  type CertificateField,
  type MappingRule,
} from './attribute-mappings.js';
export { derivePrincipalTags, type CertificateAttributes, type PrincipalTags, type UntaggableAttribute, type UntaggablePolicy } from './principal-tags.js';
export { sourceIdentityFor, type SourceIdentityResult } from './source-identity.js';
export { evaluateCondition, globMatches, type ContextValue, type RequestContext } from './policy/condition-operators.js';
export { evaluateTrustPolicy, REQUIRED_ACTIONS, ROLES_ANYWHERE_PRINCIPAL, type ActionDecision, type TrustDecision, type TrustRequest } from './policy/evaluate-trust-policy.js';
export { explainDecision } from './policy/explain-decision.js';
export { parsePolicyDocument, PolicyDocumentError, type ConditionClause, type PolicyDocument, type PolicyStatement } from './policy/policy-document.js';
export { buildTrustPolicy, isPattern, isPrincipalTagKey, valueCondition, type TagMatch, type TrustPolicyInput } from './policy/build-trust-policy.js';
export { buildSessionPolicy, GuardrailError, type SessionGuardrails } from './policy/build-session-policy.js';
export { lintTrustPolicy, type LintCode, type LintFinding } from './policy/lint-trust-policy.js';
export { defaultRoleSessionName, sessionRequestContext, type SessionRequestFacts } from './policy/session-request-context.js';
export {
  checkSessionPolicyLimits,
  MAX_MANAGED_POLICY_ARNS,
  MAX_SESSION_POLICY_CHARACTERS,
  type SessionPolicyLimitProblem,
  type SessionPolicyLimitResult,
} from './session-policy-limits.js';
export { parseCertificateFields, type CertificateFields } from '../x509/certificate-fields.js';
export { formatName, parseNameDer, type NameAttribute } from '../x509/distinguished-name.js';
