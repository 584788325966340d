// `iamra ca passphrase`: re-encrypts the CA key under a new passphrase (ca/change-ca-passphrase.ts).
import type { Command } from 'commander';
import { changeCaPassphrase } from '../../ca/change-ca-passphrase.js';
import { caPassphrase } from '../shared/ca-passphrase.js';
import { actor, addCaOption, withCa, writeStdout } from '../shared/common.js';
import { readSecret } from '../shared/passphrase.js';

interface PassphraseOptions {
  ca?: string;
  passphraseFile?: string;
  newPassphraseFile?: string;
}

export const NEW_PASSPHRASE_VARIABLE = 'IAMRA_CA_NEW_PASSPHRASE';

export function registerCaChangePassphrase(ca: Command): void {
  const command = ca.command('passphrase')
    .description("change the CA key's passphrase (re-encrypts ca.key in place, atomically)")
    .option('--passphrase-file <file>', 'file holding the current passphrase (else $IAMRA_CA_PASSPHRASE, else a prompt)')
    .option('--new-passphrase-file <file>', `file holding the new passphrase (else $${NEW_PASSPHRASE_VARIABLE}, else a prompt, twice)`);
  addCaOption(command).action((options: PassphraseOptions) =>
    withCa(options, async (ca) => {
      const result = await changeCaPassphrase({
        ca,
        oldPassphrase: caPassphrase(options.passphraseFile),
        newPassphrase: () => readSecret({ file: options.newPassphraseFile, fileOption: '--new-passphrase-file', environmentVariable: NEW_PASSPHRASE_VARIABLE, purpose: 'the CA key (new)', confirm: true }),
        now: new Date(),
        actor: actor(),
      });
      await writeStdout(`${result.wasEncrypted ? 'changed the passphrase of' : 'encrypted'} ${result.keyPath}\n`);
    }),
  );
}
