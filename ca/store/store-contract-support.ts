// Shared pieces of the store contract suites: the factory a back end provides, and fixtures.
import type { CaStores } from './ca-stores.js';
import type { AuditEntry, CertificateRecord } from './cert-store.js';

/**
 * What a back end gives the contract suites: a fresh, empty store location (`sqlite:/tmp/.../ca.db`,
 * later `postgres://...`), opened through the same composition code the CA uses.
 */
export interface StoreFactory {
  /** Back-end name for the suite titles. */
  name: string;
  /** A location no store exists at yet; each call a new one. */
  freshLocation(): Promise<string>;
  /** Opens (with `create`, creates) the store at `location`. */
  open(location: string, options: { create: boolean }): Promise<CaStores>;
  /** Installs a trigger in the created store at `location` that fails every revocation (an UPDATE of revoked_at). */
  refuseRevocations(location: string): Promise<void>;
}

export const NOW = new Date('2026-06-01T00:00:00.000Z');

export const audit = (action: string, at = NOW): AuditEntry => ({ at, actor: 'test', action, detail: { note: action } });

export function certificate(serialHex: string, notAfter = '2026-07-01T00:00:00.000Z', subject = `CN=${serialHex}`): CertificateRecord {
  return { serialHex, subject, notBefore: NOW, notAfter: new Date(notAfter), issuedAt: NOW, keyType: 'ec-p256', der: Buffer.from([1, 2, 3]) };
}

/** A fresh, created store; closed by the returned function. */
export async function freshStores(factory: StoreFactory): Promise<CaStores & { location: string }> {
  const location = await factory.freshLocation();
  const stores = await factory.open(location, { create: true });
  return Object.assign(stores, { location });
}
