// What `crl publish`, `crl status` and `revoke --publish` share: target flags, the resolved targets,
// the CRL source with the CA's signer (opened once, by the CA), a lazily loaded SDK publisher per target.
import { type Command, Option } from 'commander';
import { UsageError } from '../../errors.js';
import type { CaSigner } from '../../ca/ca-signer.js';
import { requireCertificate, type OpenCa } from '../../ca/open-ca.js';
import type { CrlPublisher } from '../../ca/publish/crl-publisher.js';
import type { CrlSource } from '../../ca/publish/crl-to-send.js';
import { loadCrlPublisher } from '../../ca/publish/load-crl-publisher.js';
import type { TargetFlags } from '../../ca/publish/publish-target.js';
import { resolveTargets } from '../../ca/publish/resolve-targets.js';
import type { PublishStore, PublishTarget } from '../../ca/store/publish-store.js';
import { parseDurationSeconds } from '../../ca/x509/duration.js';
import { caPassphrase } from '../shared/ca-passphrase.js';
import { readCliInput } from '../shared/common.js';

export interface CrlFlags {
  crl?: string;
  nextUpdate: string;
  renewBefore: string;
  passphraseFile?: string;
}

export function addTargetOptions(command: Command): Command {
  return command
    .option('--trust-anchor-arn <arn>', 'only this Roles Anywhere trust anchor (remembered after the first publish; default: every remembered one)')
    .option('--name <name>', 'CRL name on the service (default: iamra-<CA fingerprint prefix>; remembered)')
    .option('--region <region>', 'AWS region (default: the trust anchor ARN\'s region)')
    .option('--endpoint <url>', 'Roles Anywhere endpoint URL, e.g. an emulator (remembered)')
    .option('--profile <profile>', 'AWS shared-config profile for the credentials (remembered; default: the SDK\'s standard chain)');
}

export function addCrlOptions(command: Command): Command {
  return command
    .option('--crl <file>', 'publish this CRL (PEM or DER) instead of the CA\'s own; it must be signed by the CA')
    .option('--next-update <duration>', 'nextUpdate of a newly signed CRL, after thisUpdate', '7d')
    .option('--renew-before <duration>', 'sign a new CRL when the latest one\'s nextUpdate is this close', '1d')
    .addOption(new Option('--passphrase-file <file>', 'file holding the CA key passphrase (else $IAMRA_CA_PASSPHRASE, else a prompt)'));
}

export interface PublishContext {
  publishStore: PublishStore;
  /** Most recently used first; empty only for `crl status` of a CA never published. */
  targets: PublishTarget[];
  /** A fresh source per publish (a `--crl` file is read again each time). */
  source: () => CrlSource;
  loadSigner: () => Promise<CaSigner>;
  /** The target's own publisher (its endpoint, region, profile), loaded once on first use. */
  publisherFor: (target: PublishTarget) => () => Promise<CrlPublisher>;
}

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= make());
}

/** Validates every flag and resolves the targets; nothing is contacted yet. */
export async function openPublishContext(ca: OpenCa, flags: TargetFlags & Partial<CrlFlags>, options: { requireTarget: boolean; stopSignal?: AbortSignal }): Promise<PublishContext> {
  const certificate = requireCertificate(ca);
  const nextUpdateSeconds = parseDurationSeconds(flags.nextUpdate ?? '7d', '--next-update');
  const renewBeforeSeconds = parseDurationSeconds(flags.renewBefore ?? '1d', '--renew-before');
  if (renewBeforeSeconds >= nextUpdateSeconds) {
    throw new UsageError('RENEW_BEFORE_INVALID', `invalid --renew-before: ${flags.renewBefore} is not shorter than --next-update ${flags.nextUpdate ?? '7d'}. Pass a shorter --renew-before.`);
  }
  const { publishStore } = ca;
  const targets = resolveTargets({ flags, publications: await publishStore.publications(), caCertificateDer: certificate.der, requireTarget: options.requireTarget });
  const loadSigner = () => ca.signer(caPassphrase(flags.passphraseFile));
  const crlFile = flags.crl;
  const source = (): CrlSource => crlFile !== undefined
    ? { kind: 'file', data: readCliInput(crlFile, 'CRL'), path: crlFile }
    : { kind: 'ca', loadSigner, nextUpdateSeconds, renewBeforeSeconds };
  const sdkOptions = { env: process.env, ...(options.stopSignal ? { stopSignal: options.stopSignal } : {}) };
  const publishers = new Map<string, () => Promise<CrlPublisher>>();
  const publisherFor = (target: PublishTarget) => {
    let publisher = publishers.get(target.trustAnchorArn);
    if (!publisher) publishers.set(target.trustAnchorArn, (publisher = once(() => loadCrlPublisher(target, sdkOptions))));
    return publisher;
  };
  return { publishStore, targets, source, loadSigner, publisherFor };
}
