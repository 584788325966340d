// ARNs of Roles Anywhere resources and IAM roles (roles-anywhere.md §1.1, §5): one parser and
// formatter, one partition rule, one region rule and one resource-id rule for the helper, the
// CA's publisher and the emulator.
import { RESOURCE_ID_PATTERN } from './service-limits.js';

export interface Arn {
  partition: string;
  service: string;
  /** Empty for global services (IAM). */
  region: string;
  /** Empty when the ARN has none. */
  account: string;
  resource: string;
}

export type RolesAnywhereResourceType = 'trust-anchor' | 'profile' | 'crl' | 'subject';

export interface RolesAnywhereArn {
  partition: string;
  region: string;
  account: string;
  type: RolesAnywhereResourceType;
  id: string;
}

export interface RoleArn {
  partition: string;
  account: string;
  /** The resource after `role/`: an optional path and the role name. */
  roleName: string;
}

/** `aws`, `aws-cn`, `aws-us-gov`, `aws-iso`, `aws-iso-b`, ... */
const PARTITION = /^aws(?:-[a-z]+)*$/;
/** `us-east-1`, `us-gov-west-1`, `cn-north-1`, `ap-southeast-2`, ... */
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d+$/;
const ACCOUNT = /^\d{12}$/;
const RESOURCE_ID = new RegExp(`^(?:${RESOURCE_ID_PATTERN})$`);
const SERVICE = /^[a-z0-9-]+$/;
const RESOURCE_TYPES: readonly RolesAnywhereResourceType[] = ['trust-anchor', 'profile', 'crl', 'subject'];

export function isPartition(text: string): boolean {
  return PARTITION.test(text);
}

export function isRegion(text: string): boolean {
  return REGION.test(text);
}

export function isAccountId(text: string): boolean {
  return ACCOUNT.test(text);
}

export function isResourceId(text: string): boolean {
  return RESOURCE_ID.test(text);
}

/** `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`; region and account may be empty. */
export function parseArn(text: string): Arn | undefined {
  const parts = text.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, partition = '', service = '', region = '', account = ''] = parts;
  const resource = parts.slice(5).join(':');
  if (!isPartition(partition) || !SERVICE.test(service) || resource === '') return undefined;
  if (region !== '' && !isRegion(region)) return undefined;
  if (account !== '' && !isAccountId(account)) return undefined;
  return { partition, service, region, account, resource };
}

export function formatArn(arn: Arn): string {
  return `arn:${arn.partition}:${arn.service}:${arn.region}:${arn.account}:${arn.resource}`;
}

/** A trust anchor, profile, CRL or subject ARN (of the given type, when given). */
export function parseRolesAnywhereArn(text: string, type?: RolesAnywhereResourceType): RolesAnywhereArn | undefined {
  const arn = parseArn(text);
  if (!arn || arn.service !== 'rolesanywhere' || arn.region === '' || arn.account === '') return undefined;
  const slash = arn.resource.indexOf('/');
  const kind = RESOURCE_TYPES.find((t) => t === arn.resource.slice(0, slash));
  const id = arn.resource.slice(slash + 1);
  if (slash < 0 || kind === undefined || (type !== undefined && kind !== type) || !isResourceId(id)) return undefined;
  return { partition: arn.partition, region: arn.region, account: arn.account, type: kind, id };
}

export function formatRolesAnywhereArn(arn: RolesAnywhereArn): string {
  return formatArn({ partition: arn.partition, service: 'rolesanywhere', region: arn.region, account: arn.account, resource: `${arn.type}/${arn.id}` });
}

/** `arn:PARTITION:iam::ACCOUNT:role/[PATH/]NAME`. */
export function parseRoleArn(text: string): RoleArn | undefined {
  const arn = parseArn(text);
  if (!arn || arn.service !== 'iam' || arn.region !== '' || arn.account === '' || !arn.resource.startsWith('role/')) return undefined;
  const roleName = arn.resource.slice('role/'.length);
  if (roleName === '' || roleName.endsWith('/')) return undefined;
  return { partition: arn.partition, account: arn.account, roleName };
}
