// Trust-policy evaluation and explanation, shared by the emulator and policy tooling. Tag mapping
// and the request context live in roles-anywhere/.
export { evaluateCondition, globMatches, type ContextValue, type RequestContext } from './policy/condition-operators.js';
export { evaluateTrustPolicy, REQUIRED_ACTIONS, ROLES_ANYWHERE_PRINCIPAL, type ActionDecision, type TrustDecision, type TrustRequest } from './policy/evaluate-trust-policy.js';
export { explainDecision } from './policy/explain-decision.js';
export { parsePolicyDocument, PolicyDocumentError, type ConditionClause, type PolicyDocument, type PolicyStatement } from './policy/policy-document.js';
export { buildTrustPolicy, isPattern, isPrincipalTagKey, valueCondition, type TagMatch, type TrustPolicyInput } from './policy/build-trust-policy.js';
export { buildSessionPolicy, GuardrailError, type SessionGuardrails } from './policy/build-session-policy.js';
export { lintTrustPolicy, type LintCode, type LintFinding } from './policy/lint-trust-policy.js';
export {
  checkSessionPolicyLimits,
  isWellFormedPolicyArn,
  MAX_MANAGED_POLICY_ARNS,
  MAX_SESSION_POLICY_CHARACTERS,
  type SessionPolicyLimitProblem,
  type SessionPolicyLimitResult,
} from './session-policy-limits.js';
export { parseCertificateFields, type CertificateFields } from '../x509/certificate-fields.js';
export { formatName, parseNameDer, type NameAttribute } from '../x509/distinguished-name.js';
