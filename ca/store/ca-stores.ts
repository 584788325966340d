// The CA's store back end, opened as one unit: its certificate store and its publish store share
// one connection (or pool), and closing the unit closes both.
import type { CertStore } from './cert-store.js';
import type { PublishStore } from './publish-store.js';

export interface CaStores {
  certStore: CertStore;
  publishStore: PublishStore;
  close(): Promise<void>;
  /**
   * Writes a consistent copy of the whole store to a new file at `path` while other processes keep
   * writing (SQLite's online backup API). Absent on PostgreSQL: `ca backup` copies it from one
   * snapshot through the dump port (store-dump.ts) instead.
   */
  backupTo?(path: string): Promise<void>;
  /** What the back end's own consistency check reports (PRAGMA integrity_check); empty when sound. */
  integrityProblems?(): Promise<string[]>;
}

export interface OpenStoresOptions {
  /** Create the store (ca init); otherwise it must exist. */
  create: boolean;
  /**
   * Durability of each commit. NORMAL may lose the last commits to a power loss; it exists only so
   * benchmarks can compare with tools that never fsync.
   * @default 'FULL'
   */
  synchronous?: 'FULL' | 'NORMAL';
}
