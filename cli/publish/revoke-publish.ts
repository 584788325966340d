// `iamra revoke --publish`: everything that can fail before the revocation is checked first (the
// remembered target, the CA key); after it, the CRL goes to the remembered target.
import { type Command, Option } from 'commander';
import { IamraError } from '../../errors.js';
import type { OpenCa } from '../../ca/open-ca.js';
import type { PendingFollowUp, RevokeFollowUp } from '../shared/revoke-follow-up.js';
import { publishWith } from './crl-publish.js';
import { openPublishContext } from './publish-context.js';
import { renderPublish } from './render-publish.js';

export interface RevokePublishFlags {
  publish?: boolean;
  passphraseFile?: string;
}

export function addRevokePublishOptions(command: Command): Command {
  return command
    .option('--publish', 'then publish the new CRL to the remembered Roles Anywhere target (see "iamra crl publish")')
    .addOption(new Option('--passphrase-file <file>', 'with --publish: file holding the CA key passphrase (else $IAMRA_CA_PASSPHRASE, else a prompt)'));
}

/** Undefined without --publish. Throws (before any revocation) when publishing could not work. */
export async function preparePublishAfterRevoke(ca: OpenCa, flags: RevokePublishFlags): Promise<PendingFollowUp | undefined> {
  if (!flags.publish) return undefined;
  const context = await openPublishContext(ca, { ...(flags.passphraseFile ? { passphraseFile: flags.passphraseFile } : {}) }, { requireTarget: true });
  await context.loadSigner();
  return {
    run: async (options) => {
      try {
        return renderPublish(await publishWith(ca, context), options?.json === true);
      } catch (error) {
        if (!(error instanceof IamraError)) throw error;
        throw new IamraError(error.code, `the revocation is recorded, but ${error.message.replace(/\.$/, '')}; then run "iamra crl publish"`, error.exitCode, { cause: error });
      }
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
