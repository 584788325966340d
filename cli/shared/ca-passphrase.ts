// The CA key passphrase source for commands that sign: asked for only if the key is encrypted.
import type { PassphraseSource } from '../../ca/ca-signer.js';
import { readSecret } from './passphrase.js';

export function caPassphrase(file: string | undefined): PassphraseSource {
  return async () => readSecret({ file, fileOption: '--passphrase-file', environmentVariable: 'IAMRA_CA_PASSPHRASE', purpose: 'the CA key', confirm: false });
}
