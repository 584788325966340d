// What `crl publish`, `crl status` and `revoke --publish` share: target flags, the publish store,
// the CRL source with a once-loaded CA key, the lazily loaded SDK publisher, the test crash hook.
import { type Command, Option } from 'commander';
import { UsageError } from '../../errors.js';
import { loadCaSigner, type CaSigner } from '../../ca/ca-signer.js';
import { requireCertificate, type OpenCa } from '../../ca/open-ca.js';
import type { CrlPublisher } from '../../ca/publish/crl-publisher.js';
import type { CrlSource } from '../../ca/publish/crl-to-send.js';
import { loadCrlPublisher } from '../../ca/publish/load-crl-publisher.js';
import { resolveTarget, type TargetFlags } from '../../ca/publish/publish-target.js';
import type { PublishStore, PublishTarget } from '../../ca/store/publish-store.js';
import { openSqlitePublishStore } from '../../ca/store/sqlite/sqlite-publish-store.js';
import { parseDurationSeconds } from '../../ca/x509/duration.js';
import { caPassphrase } from '../ca/ca-passphrase.js';
import { readInputFile } from '../ca/common.js';

export interface CrlFlags {
  crl?: string;
  nextUpdate: string;
  renewBefore: string;
  passphraseFile?: string;
}

export function addTargetOptions(command: Command): Command {
  return command
    .option('--trust-anchor-arn <arn>', 'the Roles Anywhere trust anchor to publish to (remembered after the first publish)')
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
  /** Undefined only for `crl status` of a CA never published. */
  target: PublishTarget | undefined;
  /** A fresh source per publish (a `--crl` file is read again each time). */
  source: () => CrlSource;
  loadSigner: () => Promise<CaSigner>;
  publisher: () => Promise<CrlPublisher>;
  close(): void;
}

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= make());
}

/** Validates every flag, then opens the publish store; nothing is contacted yet. */
export function openPublishContext(ca: OpenCa, flags: TargetFlags & Partial<CrlFlags>, options: { requireTarget: boolean; stopSignal?: AbortSignal }): PublishContext {
  const certificate = requireCertificate(ca);
  const nextUpdateSeconds = parseDurationSeconds(flags.nextUpdate ?? '7d', '--next-update');
  const renewBeforeSeconds = parseDurationSeconds(flags.renewBefore ?? '1d', '--renew-before');
  if (renewBeforeSeconds >= nextUpdateSeconds) {
    throw new UsageError('RENEW_BEFORE_INVALID', `invalid --renew-before: ${flags.renewBefore} is not shorter than --next-update ${flags.nextUpdate ?? '7d'}. Pass a shorter --renew-before.`);
  }
  const publishStore = openSqlitePublishStore(ca.paths.database);
  try {
    const remembered = publishStore.rememberedTarget()?.target;
    const hasTarget = flags.trustAnchorArn !== undefined || remembered !== undefined;
    const target = options.requireTarget || hasTarget ? resolveTarget(flags, remembered, certificate.der) : undefined;
    const loaded: CaSigner[] = [];
    const loadSigner = once(async () => {
      const signer = await loadCaSigner(ca, certificate, caPassphrase(flags.passphraseFile));
      loaded.push(signer);
      return signer;
    });
    const crlFile = flags.crl;
    const source = (): CrlSource => crlFile !== undefined
      ? { kind: 'file', data: readInputFile(crlFile, 'CRL'), path: crlFile }
      : { kind: 'ca', loadSigner, nextUpdateSeconds, renewBeforeSeconds };
    const stop = options.stopSignal ? { stopSignal: options.stopSignal } : {};
    const publisher = once(() => (target ? loadCrlPublisher(target, stop) : Promise.reject(new Error('no publish target'))));
    // Closing also ends a token key's session (its close is synchronous underneath).
    const close = (): void => {
      publishStore.close();
      for (const signer of loaded.splice(0)) void signer.close?.();
    };
    return { publishStore, target, source, loadSigner, publisher, close };
  } catch (error) {
    publishStore.close();
    throw error;
  }
}

/** IAMRA_TEST_CRASH_AFTER=import kills the process right after ImportCrl returns (tests only). */
export function crashHook(): (() => void) | undefined {
  if (process.env.IAMRA_TEST_CRASH_AFTER !== 'import') return undefined;
  return () => process.kill(process.pid, 'SIGKILL');
}
