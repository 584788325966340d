// Shared pieces of the emulator's state-store contract: the factory a back end provides, and one
// sample record per resource kind.
import type { ResourceKind, ResourceRecords, StateStore } from './state-store.js';

/** What a back end gives the contract suite: a fresh location, and how to open a store there. */
export interface StateStoreFactory {
  /** Back-end name for the suite title. */
  name: string;
  /** Whether a store opened again at the same location still holds what was written before close. */
  isPersistent: boolean;
  /** A location no store exists at yet; each call a new one. */
  freshLocation(): Promise<string>;
  /** Opens (creating if needed) the store at `location`, through the emulator's composition code. */
  open(location: string): Promise<StateStore>;
}

const ACCOUNT = '123456789012';
const AT = '2026-06-01T00:00:00.000000Z';
const arn = (type: string, id: string) => `arn:aws:rolesanywhere:us-east-1:${ACCOUNT}:${type}/${id}`;

const SAMPLES: { [K in ResourceKind]: (id: string, name: string) => ResourceRecords[K] } = {
  trustAnchor: (id, name) => ({
    trustAnchorId: id,
    trustAnchorArn: arn('trust-anchor', id),
    name,
    source: { sourceType: 'CERTIFICATE_BUNDLE', sourceData: { x509CertificateData: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n' } },
    enabled: true,
    createdAt: AT,
    updatedAt: AT,
    notificationSettings: [{ enabled: true, event: 'CA_CERTIFICATE_EXPIRY', threshold: 45, channel: 'ALL', configuredBy: 'rolesanywhere.amazonaws.com' }],
    tags: [{ key: 'team', value: name }],
  }),
  profile: (id, name) => ({
    profileId: id,
    profileArn: arn('profile', id),
    name,
    requireInstanceProperties: false,
    enabled: true,
    createdBy: `arn:aws:iam::${ACCOUNT}:root`,
    sessionPolicy: '{"Version":"2012-10-17","Statement":[]}',
    roleArns: [`arn:aws:iam::${ACCOUNT}:role/${name}`],
    managedPolicyArns: [],
    createdAt: AT,
    updatedAt: AT,
    durationSeconds: 3600,
    acceptRoleSessionName: false,
    attributeMappings: [{ certificateField: 'x509Subject', mappingRules: [{ specifier: 'CN' }] }],
    tags: [],
  }),
  crl: (id, name) => ({
    crlId: id,
    crlArn: arn('crl', id),
    name,
    enabled: false,
    crlDataBase64: Buffer.from(`crl ${name}`).toString('base64'),
    trustAnchorArn: arn('trust-anchor', 'anchor'),
    createdAt: AT,
    updatedAt: AT,
    tags: [],
  }),
  subject: (id, name) => ({
    subjectArn: arn('subject', id),
    subjectId: id,
    enabled: true,
    x509Subject: `CN=${name}`,
    lastSeenAt: AT,
    createdAt: AT,
    updatedAt: AT,
    credentials: [{ seenAt: AT, serialNumber: '0a', issuer: 'CN=root', enabled: true, x509CertificateData: 'MIIB', failed: false }],
    instanceProperties: [{ seenAt: AT, properties: { host: name }, failed: false }],
  }),
  role: (id, name) => ({
    arn: `arn:aws:iam::${ACCOUNT}:role/${id}`,
    maxSessionDuration: 3600,
    trustPolicy: { Statement: [{ Effect: 'Allow', Principal: { Service: 'rolesanywhere.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
    createDate: '2026-06-01T00:00:00.000Z',
    description: name,
    tags: [{ Key: 'team', Value: name }],
  }),
};

/** A record of `kind` stored under `id`; `name` tells versions of it apart. */
export function sampleRecord<K extends ResourceKind>(kind: K, id: string, name = 'first'): ResourceRecords[K] {
  return SAMPLES[kind](id, name);
}
