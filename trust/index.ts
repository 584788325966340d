// Trust logic shared by the emulator and policy tooling: certificate attributes, tag mapping,
// source identity, the trust-policy evaluator with its explanation, and STS's session-policy limits.
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
export { checkSessionPolicyLimits, isWellFormedPolicyArn, MAX_MANAGED_POLICY_ARNS, MAX_SESSION_POLICY_CHARACTERS, type SessionPolicyLimits, type SessionPolicyProblem } from './session-policy-limits.js';
export { evaluateCondition, globMatches, type ContextValue, type RequestContext } from './policy/condition-operators.js';
export { evaluateTrustPolicy, REQUIRED_ACTIONS, ROLES_ANYWHERE_PRINCIPAL, type ActionDecision, type TrustDecision, type TrustRequest } from './policy/evaluate-trust-policy.js';
export { explainDecision } from './policy/explain-decision.js';
export { parsePolicyDocument, PolicyDocumentError, type PolicyDocument, type PolicyStatement } from './policy/policy-document.js';
export { parseCertificateFields, type CertificateFields } from '../x509/certificate-fields.js';
export { formatName, parseNameDer, type NameAttribute } from '../x509/distinguished-name.js';
