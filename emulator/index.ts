// The emulator's library API (issue #3): start it in-process, drive its control plane, stop it.
export { EmulatorServiceError, type EmulatorErrorType } from './errors.js';
export type { RoleDefinition } from './role-definition.js';
export { ControlPlane } from './service/control-plane.js';
export type {
  AttributeMapping,
  CreateProfileRequest,
  CreateTrustAnchorRequest,
  CrlDetail,
  ImportCrlRequest,
  ProfileDetail,
  SubjectDetail,
  Tag,
  TrustAnchorDetail,
} from './service/shapes.js';
export type { CreateSessionResponse } from './service/session/issue-credentials.js';
export { DEFAULT_QUOTAS, parseQuotas, QuotasInvalid, type Quotas } from './service/quotas.js';
export { isLoopbackHost } from './loopback-host.js';
export { startEmulator, type EmulatorOptions, type RunningEmulator } from './start-emulator.js';
