// Use-case `crl publish` (issue #5): prepare the CRL locally, then bring the service in line with
// it: ImportCrl the first time, UpdateCrl on change, EnableCrl when disabled, nothing when equal.
// Before ImportCrl a pending publish is recorded and the CRL has a per-CA name, so a run that
// finds no recorded id looks the name up (ListCrls) and adopts it instead of importing twice.
import { createHash } from 'node:crypto';
import { IamraError, RefusedError, ServiceError } from '../../errors.js';
import { MAX_CRLS_PER_TRUST_ANCHOR } from '../../roles-anywhere/service-limits.js';
import type { CaCertificate } from '../open-ca.js';
import type { CertStore } from '../store/cert-store.js';
import type { PublishAction, PublishStore, PublishTarget, SentCrl } from '../store/publish-store.js';
import type { CrlPublisher, ServiceCrl } from './crl-publisher.js';
import { prepareCrl, type CrlSource, type CrlToSend } from './crl-to-send.js';

/** Roles Anywhere's hard limit (roles-anywhere.md §3.3, §6). */
/** How long a pending import keeps other publishers from importing (a call times out after 30 s). */
export const PENDING_LEASE_SECONDS = 60;

export interface PublishCrlInput {
  certStore: CertStore;
  publishStore: PublishStore;
  caCertificate: CaCertificate;
  target: PublishTarget;
  source: CrlSource;
  /** Created lazily: no SDK is loaded and no call made until the CRL passed every local check. */
  publisher: () => Promise<CrlPublisher>;
  now: () => Date;
  actor: string;
}

export type PublishOutcome = 'unchanged' | 'imported' | 'updated' | 'enabled';

export interface PublishResult {
  outcome: PublishOutcome;
  crl: CrlToSend;
  crlId: string;
  crlArn: string;
  /** The CRL with our name was found on the service and taken over (an interrupted publish). */
  isAdopted: boolean;
  /** The recorded CRL had been deleted on the service, so it was imported again. */
  wasDeleted: boolean;
  /** The CRL was disabled on the service and has been enabled again. */
  wasDisabled: boolean;
  target: PublishTarget;
}

export async function publishCrl(input: PublishCrlInput): Promise<PublishResult> {
  const { publishStore, target } = input;
  const crl = await prepareCrl({ ...input, now: input.now() });
  const publication = await publishStore.publication(target.trustAnchorArn);
  const sentNumber = publication?.sent?.crlNumber;
  // The CA's own CRLs are complete by construction; an older file would un-revoke certificates.
  if (input.source.kind === 'file' && crl.crlNumber !== undefined && sentNumber !== undefined && crl.crlNumber < sentNumber) {
    throw new RefusedError('CRL_NUMBER_REGRESSION', `cannot publish CRL ${crl.crlNumber}: trust anchor ${target.trustAnchorArn} was last sent CRL ${sentNumber}, and an older CRL could un-revoke certificates (${input.source.path}). Publish a CRL numbered ${sentNumber} or higher.`);
  }
  const publisher = await input.publisher();
  let held: ServiceCrl | undefined;
  let wasDeleted = false;
  if (publication?.sent) {
    held = await publisher.getCrl(publication.sent.crlId);
    // A new --name means another CRL: the recorded one stays as it is, for the operator to delete.
    if (held && held.name !== target.crlName) held = undefined;
    else if (!held) {
      wasDeleted = true;
      await publishStore.forgetSent(target.trustAnchorArn, audit(input, 'crl.publish.deleted-on-service', { crlId: publication.sent.crlId }));
    }
  }
  let isAdopted = false;
  if (!held) {
    const onAnchor = (await publisher.listCrls()).filter((c) => c.trustAnchorArn === target.trustAnchorArn);
    held = onAnchor.find((c) => c.name === target.crlName);
    if (!held) return importNew(input, publisher, crl, { onAnchor, wasDeleted, expectedCrlId: wasDeleted ? undefined : publication?.sent?.crlId });
    isAdopted = true;
  }
  return reconcile(input, publisher, crl, held, { isAdopted, wasDeleted, recordedSha256: publication?.sent?.sha256 });
}

interface ImportFacts {
  onAnchor: ServiceCrl[];
  wasDeleted: boolean;
  /** The recorded id this run started from, after forgetting a deleted one. */
  expectedCrlId: string | undefined;
}

async function importNew(input: PublishCrlInput, publisher: CrlPublisher, crl: CrlToSend, { onAnchor, wasDeleted, expectedCrlId }: ImportFacts): Promise<PublishResult> {
  const { target } = input;
  if (onAnchor.length >= MAX_CRLS_PER_TRUST_ANCHOR) {
    const names = onAnchor.map((c) => `"${c.name}" (${c.crlId})`).join(', ');
    throw new RefusedError('CRL_LIMIT_REACHED', `cannot import a third CRL: trust anchor ${target.trustAnchorArn} already has ${onAnchor.length} CRLs, the service's hard limit: ${names}. Delete one (aws rolesanywhere delete-crl --crl-id ID), or publish into one of them with --name NAME.`);
  }
  const previous = await input.publishStore.publication(target.trustAnchorArn);
  const pending = await input.publishStore.recordPending(target, { since: input.now(), sha256: crl.sha256, ...numbered(crl) }, { expectedCrlId, leaseSeconds: PENDING_LEASE_SECONDS });
  if (pending !== 'recorded') {
    throw new ServiceError('PUBLISH_IN_PROGRESS', `cannot import the CRL now: another iamra publish ${pending === 'busy' ? `has been importing since ${previous?.pending?.since.toISOString()}` : 'recorded a CRL meanwhile'} (${target.trustAnchorArn}). Run "iamra crl publish" again in a minute.`);
  }
  let imported: ServiceCrl;
  try {
    imported = await publisher.importCrl({ name: target.crlName, trustAnchorArn: target.trustAnchorArn, crlData: crl.body });
  } catch (error) {
    // Only a definite answer proves nothing was created; after a timeout or a 5xx the pending
    // mark stays, so the next run looks the name up before importing again.
    if (error instanceof IamraError && error.exitCode !== 4) await input.publishStore.abandonPending(target.trustAnchorArn, previous);
    throw error;
  }
  await record(input, crl, imported, 'imported');
  return { outcome: 'imported', crl, crlId: imported.crlId, crlArn: imported.crlArn, isAdopted: false, wasDeleted, wasDisabled: false, target };
}

interface HeldFacts {
  isAdopted: boolean;
  wasDeleted: boolean;
  recordedSha256: string | undefined;
}

async function reconcile(input: PublishCrlInput, publisher: CrlPublisher, crl: CrlToSend, held: ServiceCrl, facts: HeldFacts): Promise<PublishResult> {
  let current = held;
  let outcome: PublishOutcome = 'unchanged';
  if (sha256(held.crlData) !== crl.sha256) {
    current = await publisher.updateCrl({ crlId: held.crlId, crlData: crl.body });
    outcome = 'updated';
  }
  const wasDisabled = !current.enabled;
  if (wasDisabled) {
    current = await publisher.enableCrl(held.crlId);
    if (outcome === 'unchanged') outcome = 'enabled';
  }
  if (outcome !== 'unchanged' || facts.isAdopted || facts.recordedSha256 !== crl.sha256) {
    await record(input, crl, current, facts.isAdopted && outcome === 'unchanged' ? 'adopted' : outcome === 'unchanged' ? 'updated' : outcome);
  } else {
    await input.publishStore.saveTarget(input.target, input.now());
  }
  return { outcome, crl, crlId: current.crlId, crlArn: current.crlArn, isAdopted: facts.isAdopted, wasDeleted: facts.wasDeleted, wasDisabled, target: input.target };
}

async function record(input: PublishCrlInput, crl: CrlToSend, held: ServiceCrl, action: PublishAction): Promise<void> {
  const at = input.now();
  const sent: SentCrl = { crlId: held.crlId, crlArn: held.crlArn, sha256: crl.sha256, bytes: crl.body.length, publishedAt: at, ...numbered(crl) };
  await input.publishStore.recordSent(input.target, sent, action, audit(input, `crl.publish.${action}`, { crlId: held.crlId, sha256: crl.sha256, bytes: crl.body.length, ...numbered(crl) }, at));
}

function numbered(crl: CrlToSend): { crlNumber?: number } {
  return crl.crlNumber === undefined ? {} : { crlNumber: crl.crlNumber };
}

function audit(input: PublishCrlInput, action: string, detail: Record<string, unknown>, at = input.now()) {
  return { at, actor: input.actor, action, detail: { trustAnchorArn: input.target.trustAnchorArn, ...detail } };
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
