// Type-level check (tsc --noEmit): the hand-written public d.ts of `iamra/credentials` matches the
// implementation both ways, and its provider is what AWS SDK v3 clients take as `credentials`.
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type * as Public from '../../credential-process/provider/credentials.js';
import * as Implementation from '../../credential-process/provider/index.js';

export const publicMatchesImplementation: typeof Public.fromRolesAnywhere = Implementation.fromRolesAnywhere;
export const implementationTakesPublicOptions = (options: Public.RolesAnywhereProviderOptions): Implementation.RolesAnywhereProviderOptions => options;
export const publicOptionsCoverImplementation = (options: Implementation.RolesAnywhereProviderOptions): Public.RolesAnywhereProviderOptions => options;
export const sdkAcceptsProvider = (provider: Public.RolesAnywhereCredentialProvider): AwsCredentialIdentityProvider => provider;
export const errorsMatch = {
  IamraError: Implementation.IamraError satisfies typeof Public.IamraError,
  InputError: Implementation.InputError satisfies typeof Public.InputError,
  RefusedError: Implementation.RefusedError satisfies typeof Public.RefusedError,
  UsageError: Implementation.UsageError satisfies typeof Public.UsageError,
  ServiceError: Implementation.ServiceError satisfies typeof Public.ServiceError,
};
