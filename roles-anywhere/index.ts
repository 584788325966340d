// The Roles Anywhere model shared by the helper, the CA and the emulator: ARNs, service limits,
// tag mapping, source identity and the trust-policy request context. Node builtins only.
export {
  formatArn,
  formatRolesAnywhereArn,
  isAccountId,
  isPartition,
  isRegion,
  isResourceId,
  parseArn,
  parseRoleArn,
  parseRolesAnywhereArn,
  type Arn,
  type RoleArn,
  type RolesAnywhereArn,
  type RolesAnywhereResourceType,
} from './arn.js';
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
export { certificateTags } from './certificate-tags.js';
export { ROLES_ANYWHERE_SERVICE_PRINCIPAL } from './constants.js';
export {
  derivePrincipalTags,
  mapCertificateAttributes,
  type CertificateAttributes,
  type MappedAttribute,
  type PrincipalTags,
  type UntaggableAttribute,
  type UntaggablePolicy,
} from './principal-tags.js';
export { isRoleSessionName } from './role-session-name.js';
export { untaggableReason } from './session-tags.js';
export { sourceIdentityFor, type SourceIdentityResult } from './source-identity.js';
export { defaultRoleSessionName, trustPolicyContext, type TrustPolicyContext, type TrustPolicyContextInput } from './trust-policy-context.js';
