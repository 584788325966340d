// The AWS calls `iamra setup` makes, as narrow ports: the SDK adapter implements them, and a
// dry run wraps them so only the reads are made.

export interface TrustAnchorSummary {
  name: string;
  trustAnchorArn: string;
  /** PEM of its certificate bundle, when it is one. */
  certificatePem?: string;
}

export interface ProfileSummary {
  name: string;
  profileId: string;
  profileArn: string;
  roleArns: string[];
}

export interface RoleSummary {
  arn: string;
  /** The decoded trust policy document. */
  trustPolicy: unknown;
}

export interface RolesAnywhereApi {
  listTrustAnchors(): Promise<TrustAnchorSummary[]>;
  createTrustAnchor(input: { name: string; certificatePem: string }): Promise<{ trustAnchorArn: string }>;
  listProfiles(): Promise<ProfileSummary[]>;
  createProfile(input: { name: string; roleArns: string[] }): Promise<{ profileArn: string }>;
  updateProfileRoles(input: { profileId: string; roleArns: string[] }): Promise<void>;
}

export interface IamApi {
  /** Undefined when there is no such role (NoSuchEntity). */
  getRole(name: string): Promise<RoleSummary | undefined>;
  createRole(input: { name: string; trustPolicy: unknown }): Promise<{ arn: string }>;
  updateAssumeRolePolicy(input: { name: string; trustPolicy: unknown }): Promise<void>;
}

export interface SetupApis {
  rolesAnywhere: RolesAnywhereApi;
  /** Loaded only with --create-role. */
  iam?: IamApi;
}
