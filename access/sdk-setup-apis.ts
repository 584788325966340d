// SetupApis on the AWS SDK: @aws-sdk/client-rolesanywhere (3.332, the only one the registry has)
// and @aws-sdk/client-iam (Query protocol). Loaded only through `await import()` by `iamra setup`.
import { CreateRoleCommand, GetRoleCommand, IAMClient, UpdateAssumeRolePolicyCommand } from '@aws-sdk/client-iam';
import {
  CreateProfileCommand,
  CreateTrustAnchorCommand,
  ListProfilesCommand,
  ListTrustAnchorsCommand,
  RolesAnywhereClient,
  UpdateProfileCommand,
} from '@aws-sdk/client-rolesanywhere';
import type { IamApi, ProfileSummary, RolesAnywhereApi, SetupApis, TrustAnchorSummary } from './setup-apis.js';
import { toSetupError } from './setup-service-error.js';

export interface SdkSetupOptions {
  region: string;
  endpoint?: string;
  withIam: boolean;
}

export function createSdkSetupApis(options: SdkSetupOptions): SetupApis {
  const where = options.endpoint ?? `Roles Anywhere in ${options.region}`;
  const call = async <T>(operation: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw toSetupError(error, operation, where);
    }
  };
  const endpoint = options.endpoint ? { endpoint: options.endpoint } : {};
  const ra = new RolesAnywhereClient({ region: options.region, ...endpoint });
  const rolesAnywhere: RolesAnywhereApi = {
    listTrustAnchors: () => call('ListTrustAnchors', async () => {
      const found: TrustAnchorSummary[] = [];
      let nextToken: string | undefined;
      do {
        const page = await ra.send(new ListTrustAnchorsCommand({ nextToken }));
        for (const a of page.trustAnchors ?? []) found.push({ name: a.name ?? '', trustAnchorArn: a.trustAnchorArn ?? '', certificatePem: a.source?.sourceData?.x509CertificateData });
        nextToken = page.nextToken;
      } while (nextToken);
      return found;
    }),
    createTrustAnchor: (input) => call('CreateTrustAnchor', async () => {
      const out = await ra.send(new CreateTrustAnchorCommand({ name: input.name, enabled: true, source: { sourceType: 'CERTIFICATE_BUNDLE', sourceData: { x509CertificateData: input.certificatePem } } }));
      return { trustAnchorArn: out.trustAnchor?.trustAnchorArn ?? '' };
    }),
    listProfiles: () => call('ListProfiles', async () => {
      const found: ProfileSummary[] = [];
      let nextToken: string | undefined;
      do {
        const page = await ra.send(new ListProfilesCommand({ nextToken }));
        for (const p of page.profiles ?? []) found.push({ name: p.name ?? '', profileId: p.profileId ?? '', profileArn: p.profileArn ?? '', roleArns: p.roleArns ?? [] });
        nextToken = page.nextToken;
      } while (nextToken);
      return found;
    }),
    createProfile: (input) => call('CreateProfile', async () => {
      const out = await ra.send(new CreateProfileCommand({ name: input.name, roleArns: input.roleArns, enabled: true }));
      return { profileArn: out.profile?.profileArn ?? '' };
    }),
    updateProfileRoles: (input) => call('UpdateProfile', async () => {
      await ra.send(new UpdateProfileCommand({ profileId: input.profileId, roleArns: input.roleArns }));
    }),
  };
  return { rolesAnywhere, ...(options.withIam ? { iam: iamApi(new IAMClient({ region: 'us-east-1', ...endpoint }), call) } : {}) };
}

function iamApi(client: IAMClient, call: <T>(operation: string, run: () => Promise<T>) => Promise<T>): IamApi {
  return {
    getRole: (name) => call('GetRole', async () => {
      try {
        const out = await client.send(new GetRoleCommand({ RoleName: name }));
        const document = out.Role?.AssumeRolePolicyDocument;
        return { arn: out.Role?.Arn ?? '', trustPolicy: document ? (JSON.parse(decodeURIComponent(document)) as unknown) : undefined };
      } catch (error) {
        if ((error as { name?: string }).name === 'NoSuchEntityException') return undefined;
        throw error;
      }
    }),
    createRole: (input) => call('CreateRole', async () => {
      const out = await client.send(new CreateRoleCommand({ RoleName: input.name, AssumeRolePolicyDocument: JSON.stringify(input.trustPolicy) }));
      return { arn: out.Role?.Arn ?? '' };
    }),
    updateAssumeRolePolicy: (input) => call('UpdateAssumeRolePolicy', async () => {
      await client.send(new UpdateAssumeRolePolicyCommand({ RoleName: input.name, PolicyDocument: JSON.stringify(input.trustPolicy) }));
    }),
  };
}
