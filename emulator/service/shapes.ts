// Request and response shapes of the control plane (botocore rolesanywhere 2018-05-10, 1.43.11;
// roles-anywhere.md §3.1, §5). Timestamps are ISO-8601 strings; blobs are Buffers in process.
import type { AttributeMapping, CertificateField, MappingRule } from '../../roles-anywhere/attribute-mappings.js';

export type { AttributeMapping, CertificateField, MappingRule };

export interface Tag {
  key: string;
  value: string;
}

export type TrustAnchorType = 'AWS_ACM_PCA' | 'CERTIFICATE_BUNDLE' | 'SELF_SIGNED_REPOSITORY';
export type NotificationEvent = 'CA_CERTIFICATE_EXPIRY' | 'END_ENTITY_CERTIFICATE_EXPIRY';

export interface Source {
  sourceType?: TrustAnchorType;
  sourceData?: { x509CertificateData?: string; acmPcaArn?: string };
}

export interface NotificationSetting {
  enabled: boolean;
  event: NotificationEvent;
  threshold?: number;
  channel?: 'ALL';
}

export interface NotificationSettingDetail extends NotificationSetting {
  configuredBy?: string;
}

export interface TrustAnchorDetail {
  trustAnchorId: string;
  trustAnchorArn: string;
  name: string;
  source: Source;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
  notificationSettings: NotificationSettingDetail[];
}

export interface ProfileDetail {
  profileId: string;
  profileArn: string;
  name: string;
  requireInstanceProperties: boolean;
  enabled: boolean;
  createdBy: string;
  sessionPolicy?: string;
  roleArns: string[];
  managedPolicyArns: string[];
  createdAt: string;
  updatedAt: string;
  durationSeconds: number;
  acceptRoleSessionName: boolean;
  attributeMappings: AttributeMapping[];
}

export interface CrlDetail {
  crlId: string;
  crlArn: string;
  name: string;
  enabled: boolean;
  /** The CRL file as imported (PEM or DER bytes); base64 on the wire. */
  crlData: Buffer;
  trustAnchorArn: string;
  createdAt: string;
  updatedAt: string;
}

export interface CredentialSummary {
  seenAt: string;
  serialNumber: string;
  issuer: string;
  enabled: boolean;
  x509CertificateData: string;
  failed: boolean;
}

export interface InstanceProperty {
  seenAt: string;
  properties: Record<string, string>;
  failed: boolean;
}

export interface SubjectSummary {
  subjectArn: string;
  subjectId: string;
  enabled: boolean;
  x509Subject: string;
  lastSeenAt: string;
  createdAt: string;
  updatedAt: string;
}

export interface SubjectDetail extends SubjectSummary {
  credentials: CredentialSummary[];
  instanceProperties: InstanceProperty[];
}

export interface CreateTrustAnchorRequest {
  name: string;
  source: Source;
  enabled?: boolean;
  tags?: Tag[];
  notificationSettings?: NotificationSetting[];
}

export interface UpdateTrustAnchorRequest {
  trustAnchorId: string;
  name?: string;
  source?: Source;
}

export interface CreateProfileRequest {
  name: string;
  roleArns: string[];
  durationSeconds?: number;
  enabled?: boolean;
  managedPolicyArns?: string[];
  sessionPolicy?: string;
  requireInstanceProperties?: boolean;
  acceptRoleSessionName?: boolean;
  tags?: Tag[];
}

export interface UpdateProfileRequest {
  profileId: string;
  name?: string;
  roleArns?: string[];
  managedPolicyArns?: string[];
  sessionPolicy?: string;
  durationSeconds?: number;
  acceptRoleSessionName?: boolean;
}

export interface ImportCrlRequest {
  name: string;
  crlData: Buffer;
  trustAnchorArn: string;
  enabled?: boolean;
  tags?: Tag[];
}

export interface UpdateCrlRequest {
  crlId: string;
  name?: string;
  crlData?: Buffer;
}

export interface ListRequest {
  nextToken?: string;
  pageSize?: number;
}

export interface PutAttributeMappingRequest {
  profileId: string;
  certificateField: CertificateField;
  mappingRules: MappingRule[];
}

export interface DeleteAttributeMappingRequest {
  profileId: string;
  certificateField: CertificateField;
  specifiers?: string[];
}

export interface PutNotificationSettingsRequest {
  trustAnchorId: string;
  notificationSettings: NotificationSetting[];
}

export interface ResetNotificationSettingsRequest {
  trustAnchorId: string;
  notificationSettingKeys: Array<{ event: NotificationEvent; channel?: 'ALL' }>;
}

export interface TagResourceRequest {
  resourceArn: string;
  tags: Tag[];
}

export interface UntagResourceRequest {
  resourceArn: string;
  tagKeys: string[];
}
