// Request and response shapes of the IAM role operations the emulator serves (botocore iam
// 2010-05-08): CreateRole, GetRole, UpdateAssumeRolePolicy, DeleteRole, ListRoles.

export interface IamTag {
  Key: string;
  Value: string;
}

export interface IamRole {
  Path: string;
  RoleName: string;
  RoleId: string;
  Arn: string;
  CreateDate: string;
  /** The policy JSON text (URL-encoded on the wire, as IAM sends it). */
  AssumeRolePolicyDocument: string;
  Description?: string;
  MaxSessionDuration: number;
  Tags?: IamTag[];
}

export interface CreateRoleRequest {
  RoleName?: string;
  AssumeRolePolicyDocument?: string;
  Path?: string;
  Description?: string;
  MaxSessionDuration?: number;
  Tags?: IamTag[];
}

export interface RoleNameRequest {
  RoleName?: string;
}

export interface UpdateAssumeRolePolicyRequest {
  RoleName?: string;
  PolicyDocument?: string;
}

export interface ListRolesRequest {
  PathPrefix?: string;
  Marker?: string;
  MaxItems?: number;
}

export interface ListRolesResult {
  Roles: IamRole[];
  IsTruncated: boolean;
  Marker?: string;
}
