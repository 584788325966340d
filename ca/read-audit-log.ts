// Use-case `ca audit`: the append-only audit log, oldest first, optionally only the last entries.
import type { AuditRecord, CertStore } from './store/cert-store.js';

export async function readAuditLog(store: CertStore, last?: number): Promise<AuditRecord[]> {
  const all = await store.auditLog();
  return last === undefined ? all : all.slice(-last);
}
