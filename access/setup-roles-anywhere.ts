// Use-case `iamra setup` (issue 12): the trust anchor from the CA certificate, optionally the IAM
// role with a trust policy from `policy trust`, and a profile for the role, each reused by name,
// so a second run changes nothing. A dry run makes only the reads and lists the writes.
import { buildTrustPolicy } from '../trust/index.js';
import type { SetupApis } from './setup-apis.js';

export interface SetupInput {
  caCertificatePem: string;
  /** Name of the trust anchor and the profile. */
  name: string;
  region: string;
  endpoint?: string;
  /** An existing role; or createRoleName. */
  roleArn?: string;
  createRoleName?: string;
  isDryRun: boolean;
  /** Paths written into the ~/.aws/config snippet. */
  certificatePath: string;
  privateKeyPath: string;
}

export interface SetupCall {
  operation: string;
  detail: string;
  /** False for a write a dry run left out. */
  isMade: boolean;
}

export interface SetupResult {
  trustAnchorArn: string;
  profileArn: string;
  roleArn: string;
  calls: SetupCall[];
  configSnippet: string;
}

const PENDING = (operation: string) => `(from ${operation})`;

export async function setupRolesAnywhere(input: SetupInput, apis: SetupApis): Promise<SetupResult> {
  const calls: SetupCall[] = [];
  const write = async <T>(operation: string, detail: string, run: () => Promise<T>): Promise<T | undefined> => {
    calls.push({ operation, detail, isMade: !input.isDryRun });
    return input.isDryRun ? undefined : run();
  };
  const read = <T>(operation: string, detail: string, run: () => Promise<T>): Promise<T> => {
    calls.push({ operation, detail, isMade: true });
    return run();
  };
  const ra = apis.rolesAnywhere;
  const anchors = await read('ListTrustAnchors', `find trust anchor "${input.name}"`, () => ra.listTrustAnchors());
  const trustAnchorArn = anchors.find((a) => a.name === input.name)?.trustAnchorArn
    ?? (await write('CreateTrustAnchor', `"${input.name}" from the CA certificate, enabled`, () => ra.createTrustAnchor({ name: input.name, certificatePem: input.caCertificatePem })))?.trustAnchorArn
    ?? PENDING('CreateTrustAnchor');
  // Non-null: the input is either createRoleName or roleArn; without createRoleName, roleArn is set.
  const roleArn = input.createRoleName === undefined ? input.roleArn! : await ensureRole(input.createRoleName, trustAnchorArn, apis, { read, write });
  const profiles = await read('ListProfiles', `find profile "${input.name}"`, () => ra.listProfiles());
  const existing = profiles.find((p) => p.name === input.name);
  let profileArn: string;
  if (!existing) {
    profileArn = (await write('CreateProfile', `"${input.name}" for ${roleArn}, enabled`, () => ra.createProfile({ name: input.name, roleArns: [roleArn] })))?.profileArn ?? PENDING('CreateProfile');
  } else {
    profileArn = existing.profileArn;
    if (!existing.roleArns.includes(roleArn)) {
      await write('UpdateProfile', `add ${roleArn} to "${input.name}"`, () => ra.updateProfileRoles({ profileId: existing.profileId, roleArns: [...existing.roleArns, roleArn] }));
    }
  }
  return { trustAnchorArn, profileArn, roleArn, calls, configSnippet: configSnippet(input, { trustAnchorArn, profileArn, roleArn }) };
}

interface Recorders {
  read: <T>(operation: string, detail: string, run: () => Promise<T>) => Promise<T>;
  write: <T>(operation: string, detail: string, run: () => Promise<T>) => Promise<T | undefined>;
}

async function ensureRole(name: string, trustAnchorArn: string, apis: SetupApis, calls: Recorders): Promise<string> {
  // Non-null: ensureRole runs only with createRoleName, which requires the IAM API client.
  const iam = apis.iam!;
  const trustPolicy = buildTrustPolicy({ trustAnchorArn });
  const role = await calls.read('GetRole', `find role "${name}"`, () => iam.getRole(name));
  if (!role) return (await calls.write('CreateRole', `"${name}" trusting ${trustAnchorArn}`, () => iam.createRole({ name, trustPolicy })))?.arn ?? PENDING('CreateRole');
  if (JSON.stringify(role.trustPolicy) !== JSON.stringify(trustPolicy)) {
    await calls.write('UpdateAssumeRolePolicy', `"${name}" to trust ${trustAnchorArn}`, () => iam.updateAssumeRolePolicy({ name, trustPolicy }));
  }
  return role.arn;
}

/** The `~/.aws/config` profile a workload needs: credential_process runs the iamra helper. */
function configSnippet(input: SetupInput, arns: { trustAnchorArn: string; profileArn: string; roleArn: string }): string {
  const command = [
    'iamra credential-process',
    `--certificate ${input.certificatePath}`,
    `--private-key ${input.privateKeyPath}`,
    `--trust-anchor-arn ${arns.trustAnchorArn}`,
    `--profile-arn ${arns.profileArn}`,
    `--role-arn ${arns.roleArn}`,
    ...(input.endpoint ? [`--endpoint ${input.endpoint}`] : []),
  ].join(' ');
  const lines = [`[profile ${input.name}]`, `region = ${input.region}`, `credential_process = ${command}`];
  // The AWS CLI then sends its STS and other calls to the same emulator.
  if (input.endpoint) lines.push(`endpoint_url = ${input.endpoint}`);
  return `${lines.join('\n')}\n`;
}
