// `iamra revoke --publish`: everything that can fail before the revocation is checked first (the
// remembered target, the CA key); after it, the CRL goes to the remembered target.
import { type Command, Option } from 'commander';
import { IamraError } from '../../errors.js';
import type { OpenCa } from '../../ca/open-ca.js';
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

export interface PendingPublish {
  run(): Promise<string>;
  close(): void;
}

/** Undefined without --publish. Throws (before any revocation) when publishing could not work. */
export async function preparePublishAfterRevoke(ca: OpenCa, flags: RevokePublishFlags): Promise<PendingPublish | undefined> {
  if (!flags.publish) return undefined;
  const context = openPublishContext(ca, { ...(flags.passphraseFile ? { passphraseFile: flags.passphraseFile } : {}) }, { requireTarget: true });
  try {
    await context.loadSigner();
  } catch (error) {
    context.close();
    throw error;
  }
  return {
    run: async () => {
      try {
        return renderPublish(await publishWith(ca, context), false);
      } catch (error) {
        if (!(error instanceof IamraError)) throw error;
        throw new IamraError(error.code, `the revocation is recorded, but ${error.message.replace(/\.$/, '')}; then run "iamra crl publish"`, error.exitCode, { cause: error });
      }
    },
    close: () => context.close(),
  };
}
