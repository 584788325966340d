// The CreateSession answer (roles-anywhere.md §1.7): a credentialSet with one set of temporary
// credentials shaped like STS's, and the subject ARN.
import { parseRoleArn } from '../../../roles-anywhere/arn.js';
import { base32Text, roleIdFor } from '../iam/role-id.js';
import { formatExpiration, type ServiceContext } from '../service-context.js';

export interface CredentialSetEntry {
  assumedRoleUser: { arn: string; assumedRoleId: string };
  credentials: { accessKeyId: string; expiration: string; secretAccessKey: string; sessionToken: string };
  packedPolicySize: number;
  roleArn: string;
  sourceIdentity: string;
}

export interface CreateSessionResponse {
  credentialSet: CredentialSetEntry[];
  subjectArn: string;
}

export interface IssueInput {
  roleArn: string;
  roleSessionName: string;
  durationSeconds: number;
  sourceIdentity: string;
  /** STS's estimate for the session policies and tags (trust/session-policy-limits.ts). */
  packedPolicySize: number;
  subjectArn: string;
}


export function issueCredentials(ctx: ServiceContext, input: IssueInput): CreateSessionResponse {
  const account = parseRoleArn(input.roleArn)?.account ?? ctx.account;
  const roleName = input.roleArn.slice(input.roleArn.lastIndexOf('/') + 1);
  const random = ctx.randomBytes(16 + 30 + 192);
  return {
    credentialSet: [
      {
        assumedRoleUser: {
          arn: `arn:aws:sts::${account}:assumed-role/${roleName}/${input.roleSessionName}`,
          assumedRoleId: `${roleIdFor(input.roleArn)}:${input.roleSessionName}`,
        },
        credentials: {
          accessKeyId: `ASIA${base32Text(random.subarray(0, 16), 16)}`,
          expiration: formatExpiration(new Date(ctx.now().getTime() + input.durationSeconds * 1000)),
          secretAccessKey: random.subarray(16, 46).toString('base64'),
          sessionToken: random.subarray(46).toString('base64'),
        },
        packedPolicySize: input.packedPolicySize,
        roleArn: input.roleArn,
        sourceIdentity: input.sourceIdentity,
      },
    ],
    subjectArn: input.subjectArn,
  };
}
