// Output of the publishing commands: the result line(s) on stdout, the `--json` shape, and the
// watcher's one stderr line per action (timestamp, action, CRL number, result).
import type { PublishResult } from '../../ca/publish/publish-crl.js';
import type { WatchEvent } from '../../ca/publish/watch-crl.js';

const REASONS: Readonly<Record<string, string>> = {
  'no-crl': 'the CA had no CRL yet',
  'revocations-changed': 'the revoked set changed',
  'content-unknown': 'the latest CRL\'s entries could not be read back',
  'renewal-due': 'the latest CRL\'s nextUpdate was near',
};

const crlLabel = (result: PublishResult) => (result.crl.crlNumber === undefined ? 'CRL' : `CRL ${result.crl.crlNumber}`);

export function publishJson(result: PublishResult): Record<string, unknown> {
  return {
    outcome: result.outcome,
    crlNumber: result.crl.crlNumber ?? null,
    isNewCrl: result.crl.signedBecause !== undefined,
    signedBecause: result.crl.signedBecause ?? null,
    crlId: result.crlId,
    crlArn: result.crlArn,
    crlName: result.target.crlName,
    trustAnchorArn: result.target.trustAnchorArn,
    region: result.target.region,
    endpoint: result.target.endpoint ?? null,
    sha256: result.crl.sha256,
    bytes: result.crl.body.length,
    isAdopted: result.isAdopted,
    wasDeleted: result.wasDeleted,
    wasDisabled: result.wasDisabled,
  };
}

/** One line: what happened to which CRL. */
export function publishSummary(result: PublishResult): string {
  const what = `${crlLabel(result)} (${result.crl.body.length} bytes)`;
  switch (result.outcome) {
    case 'imported': return `imported ${what} as ${result.crlArn}`;
    case 'updated': return `updated ${result.crlArn} to ${what}`;
    case 'enabled': return `enabled ${result.crlArn}, which holds ${what}`;
    case 'unchanged': return `unchanged: ${result.crlArn} already holds ${what}, enabled; nothing sent`;
  }
}

export function publishNotes(result: PublishResult): string[] {
  const notes: string[] = [];
  if (result.crl.signedBecause) notes.push(`signed a new CRL: ${REASONS[result.crl.signedBecause]}`);
  if (result.wasDeleted) notes.push('the CRL recorded for this trust anchor had been deleted on the service; imported again');
  if (result.isAdopted) notes.push(`adopted "${result.target.crlName}" already on the service (left by an interrupted publish)`);
  if (result.wasDisabled) notes.push('it was disabled on the service; enabled again');
  return notes;
}

/** One target's result as text: the summary line, then its notes. */
export function renderPublish(result: PublishResult): string {
  return [publishSummary(result), ...publishNotes(result).map((n) => `note: ${n}`)].map((l) => `${l}\n`).join('');
}

/** One target among several: one line, prefixed with its trust anchor. */
export function publishLine(result: PublishResult): string {
  return `${result.target.trustAnchorArn}: ${[publishSummary(result), ...publishNotes(result)].join('; ')}\n`;
}

/** `prefix` names the target when a watcher publishes to several. */
export function watchLine(event: WatchEvent, prefix = ''): string {
  const at = event.at.toISOString();
  if (event.kind === 'stopped') return `iamra: ${at} ${prefix}stop: ${event.reason}, exiting\n`;
  if (event.kind === 'failed') return `iamra: ${at} ${prefix}publish failed: ${event.error.message}${event.retryInMs > 0 ? ` Retrying in ${(event.retryInMs / 1000).toFixed(1)}s.` : ''}\n`;
  const notes = publishNotes(event.result);
  return `iamra: ${at} ${prefix}publish ${crlLabel(event.result)}: ${event.result.outcome} (${event.result.crlId})${notes.length ? `; ${notes.join('; ')}` : ''}\n`;
}
