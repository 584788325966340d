// The emulator's state: resources by kind and id, in creation order. Records are immutable
// values: the service replaces a record, it never edits one in place.
import type { RoleDefinition } from '../role-definition.js';
import type { CrlDetail, ProfileDetail, SubjectDetail, Tag, TrustAnchorDetail } from '../service/shapes.js';

export interface TrustAnchorRecord extends TrustAnchorDetail {
  tags: Tag[];
}

export interface ProfileRecord extends ProfileDetail {
  tags: Tag[];
}

export interface CrlRecord extends Omit<CrlDetail, 'crlData'> {
  /** The imported bytes, base64 (records are JSON values). */
  crlDataBase64: string;
  tags: Tag[];
}

export type SubjectRecord = SubjectDetail;

export type RoleRecord = Required<Pick<RoleDefinition, 'arn' | 'maxSessionDuration'>> & {
  trustPolicy: unknown;
  /** When the role was first stored (IAM's CreateDate), ISO-8601. */
  createDate?: string;
  /** IAM Description and Tags, for roles made through the IAM API. */
  description?: string;
  tags?: Array<{ Key: string; Value: string }>;
};

export interface ResourceRecords {
  trustAnchor: TrustAnchorRecord;
  profile: ProfileRecord;
  crl: CrlRecord;
  subject: SubjectRecord;
  role: RoleRecord;
}

export type ResourceKind = keyof ResourceRecords;
export const RESOURCE_KINDS: readonly ResourceKind[] = ['trustAnchor', 'profile', 'crl', 'subject', 'role'];

/**
 * The emulator's storage port: every method returns a Promise so a back end may do I/O
 * (MemoryStore and SqliteStore answer at once; better-sqlite3 stays synchronous inside its adapter).
 */
export interface StateStore {
  get<K extends ResourceKind>(kind: K, id: string): Promise<Readonly<ResourceRecords[K]> | undefined>;
  /** Every record of a kind, oldest first. */
  list<K extends ResourceKind>(kind: K): Promise<ReadonlyArray<Readonly<ResourceRecords[K]>>>;
  /** Stores the record (replacing one of the same kind and id, which keeps its place in `list`). */
  put<K extends ResourceKind>(kind: K, id: string, record: ResourceRecords[K]): Promise<void>;
  /** Whether a record was there to delete. */
  delete(kind: ResourceKind, id: string): Promise<boolean>;
  close(): Promise<void>;
}
