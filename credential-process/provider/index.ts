// `iamra/credentials`: the in-process Roles Anywhere credential provider and its error classes.
export { fromRolesAnywhere, type RolesAnywhereCredentialProvider, type RolesAnywhereCredentials } from './from-roles-anywhere.js';
export type { RolesAnywhereProviderOptions } from './provider-options.js';
export { IamraError, InputError, RefusedError, ServiceError, UsageError } from '../../errors.js';
