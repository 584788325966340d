// Trust-policy evaluation and explanation, shared by the emulator and policy tooling. Tag mapping
// and the request context live in roles-anywhere/.
export { evaluateCondition, globMatches, type ContextValue, type RequestContext } from './policy/condition-operators.js';
export { evaluateTrustPolicy, REQUIRED_ACTIONS, ROLES_ANYWHERE_PRINCIPAL, type ActionDecision, type TrustDecision, type TrustRequest } from './policy/evaluate-trust-policy.js';
export { explainDecision } from './policy/explain-decision.js';
export { parsePolicyDocument, PolicyDocumentError, type PolicyDocument, type PolicyStatement } from './policy/policy-document.js';
export { parseCertificateFields, type CertificateFields } from '../x509/certificate-fields.js';
export { formatName, parseNameDer, type NameAttribute } from '../x509/distinguished-name.js';
