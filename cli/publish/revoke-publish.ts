// `iamra revoke --publish`: everything that can fail before the revocation is checked first (the
// remembered targets, the CA key); after it, the CRL goes to every remembered target.
import { type Command, Option } from 'commander';
import { IamraError } from '../../errors.js';
import type { OpenCa } from '../../ca/open-ca.js';
import type { PendingFollowUp, RevokeFollowUp } from '../shared/revoke-follow-up.js';
import { writeStdout } from '../shared/common.js';
import { publishToAll } from './crl-publish.js';
import { openPublishContext } from './publish-context.js';

export interface RevokePublishFlags {
  publish?: boolean;
  passphraseFile?: string;
}

export function addRevokePublishOptions(command: Command): Command {
  return command
    .option('--publish', 'then publish the new CRL to every remembered Roles Anywhere trust anchor (see "iamra crl publish")')
    .addOption(new Option('--passphrase-file <file>', 'with --publish: file holding the CA key passphrase (else $IAMRA_CA_PASSPHRASE, else a prompt)'));
}

/** Undefined without --publish. Throws (before any revocation) when publishing could not work. */
export async function preparePublishAfterRevoke(ca: OpenCa, flags: RevokePublishFlags): Promise<PendingFollowUp | undefined> {
  if (!flags.publish) return undefined;
  const context = await openPublishContext(ca, { ...(flags.passphraseFile ? { passphraseFile: flags.passphraseFile } : {}) }, { requireTarget: true });
  await context.loadSigner();
  return {
    run: async (options) => {
      const report = await publishToAll(ca, context, options?.json === true);
      if (!report.failure) return report.stdout;
      await writeStdout(report.stdout);
      process.stderr.write(report.stderr);
      const { code, message, exitCode } = report.failure;
      // PUBLISH_INCOMPLETE already says to run "iamra crl publish" again.
      const todo = code === 'PUBLISH_INCOMPLETE' ? message : `${message.replace(/\.$/, '')}; then run "iamra crl publish"`;
      throw new IamraError(code, `the revocation is recorded, but ${todo}`, exitCode, { cause: report.failure });
    },
    // The signer belongs to the CA, which closes it.
    close: async () => {},
  };
}

/** `revoke --publish`, as the CA commands take it. */
export const publishAfterRevoke: RevokeFollowUp = {
  addOptions: addRevokePublishOptions,
  prepare: (ca, flags) => preparePublishAfterRevoke(ca, { publish: flags.publish === true, ...(typeof flags.passphraseFile === 'string' ? { passphraseFile: flags.passphraseFile } : {}) }),
};
