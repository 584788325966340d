// `iamra ca init`: creates a root CA, or an intermediate's key and CSR (`--intermediate`).
import { randomBytes } from 'node:crypto';
import { type Command, Option } from 'commander';
import { initCa } from '../../ca/init-ca.js';
import { KEY_TYPES, parseKeyType } from '../../ca/key-type.js';
import { generateCaKey } from '../../ca/ml-dsa-ca-key.js';
import { parseDistinguishedName } from '../../ca/x509/distinguished-name.js';
import { parseDurationSeconds } from '../../ca/x509/duration.js';
import { actor, addCaOption, caDir, writeStdout } from './common.js';
import { readSecret } from './passphrase.js';

interface InitOptions {
  ca?: string;
  subject: string;
  keyType: string;
  validity: string;
  intermediate?: boolean;
  encrypt: boolean;
  passphraseFile?: string;
  allowUntaggable?: boolean;
}

export function registerCaInit(ca: Command): void {
  const command = ca.command('init')
    .description('create a CA: a self-signed root, or with --intermediate a key and CSR for an external root')
    .requiredOption('--subject <dn>', 'CA subject, e.g. "CN=Example Workloads CA,O=Example"')
    .addOption(new Option('--key-type <type>', 'CA key type').choices([...KEY_TYPES]).default('ec-p256'))
    .option('--validity <duration>', 'root certificate lifetime, e.g. 10y or 3650d (with --intermediate the root decides)', '10y')
    .option('--intermediate', 'write ca.csr for an external root instead of a self-signed ca.crt; finish with "ca import-cert"')
    .option('--no-encrypt', 'write the CA key unencrypted (it is encrypted by default)')
    .option('--passphrase-file <file>', 'file holding the CA key passphrase (else $IAMRA_CA_PASSPHRASE, else a prompt)')
    .option('--allow-untaggable', 'accept subject values that cannot become Roles Anywhere session tags');
  addCaOption(command).action(async (options: InitOptions) => {
    const subject = parseDistinguishedName(options.subject);
    const keyType = parseKeyType(options.keyType);
    const validitySeconds = parseDurationSeconds(options.validity, '--validity');
    const passphrase = options.encrypt
      ? readSecret({ file: options.passphraseFile, fileOption: '--passphrase-file', environmentVariable: 'IAMRA_CA_PASSPHRASE', purpose: 'the new CA key', confirm: true })
      : undefined;
    // ML-DSA keys need their engine, which loads asynchronously (issue 14).
    const key = await generateCaKey(keyType, randomBytes);
    const result = initCa({
      dir: caDir(options.ca), subject, keyType, key, validitySeconds, isIntermediate: options.intermediate === true,
      passphrase, allowUntaggable: options.allowUntaggable === true, now: new Date(), randomBytes, actor: actor(),
    });
    if (result.certificatePem) {
      await writeStdout(`created root CA in ${result.paths.dir}\nsubject: ${result.subject}\nserial: ${result.serialHex}\nnotAfter: ${result.notAfter?.toISOString()}\ncertificate: ${result.paths.certificate}\nkey: ${result.paths.key}${passphrase ? ' (encrypted)' : ' (NOT encrypted)'}\n`);
    } else {
      await writeStdout(`created intermediate CA key in ${result.paths.dir}\nsubject: ${result.subject}\nCSR: ${result.paths.csr}\nHave the root sign it, then run: iamra ca import-cert --ca ${result.paths.dir} CERT.pem\n`);
    }
  });
}
