// `iamra ca init`: creates a root CA, or an intermediate's key and CSR (`--intermediate`).
import { type Command, Option } from 'commander';
import { describeCaCertificate } from '../../ca/describe-certificate.js';
import { initCa, type InitCaResult } from '../../ca/init-ca.js';
import { pemOrDer } from '../../ca/x509/pem.js';
import { jsonText } from './certificate-json.js';
import { KEY_TYPES, parseKeyType } from '../../ca/key-type.js';
import { parseDistinguishedName } from '../../ca/x509/distinguished-name.js';
import { parseDurationSeconds } from '../../ca/x509/duration.js';
import { describeStoreLocation } from '../../ca/ca-config.js';
import { actor, addCaOption, caDir, storeOption, writeStdout } from '../shared/common.js';
import { readSecret } from '../shared/passphrase.js';
import { openTokenCaKey } from './ca-init-token-key.js';

interface InitOptions {
  ca?: string;
  subject: string;
  keyType: string;
  validity: string;
  intermediate?: boolean;
  encrypt: boolean;
  passphraseFile?: string;
  allowUntaggable?: boolean;
  key?: string;
  pkcs11Lib?: string;
  store?: string;
  json?: boolean;
}

/** The `ca init` JSON shape (docs/ca.md): the CA directory's files and, for a root, the caCertificate object. */
async function initJson(result: InitCaResult, key: { file: string | null; reference: string | null; isEncrypted: boolean }, store: string): Promise<string> {
  const certificate = result.certificatePem === undefined ? null : await describeCaCertificate(pemOrDer(Buffer.from(result.certificatePem), ['CERTIFICATE'], 'CA certificate', result.paths.certificate));
  return jsonText({
    kind: certificate ? 'root' : 'intermediate', dir: result.paths.dir, subject: result.subject, certificate,
    certificateFile: certificate ? result.paths.certificate : null, csrFile: certificate ? null : result.paths.csr,
    keyFile: key.file, keyReference: key.reference, isKeyEncrypted: key.isEncrypted, store,
  });
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
    .option('--allow-untaggable', 'accept subject values that cannot become Roles Anywhere session tags')
    .option('--key <pkcs11-uri>', 'keep the CA key on a PKCS#11 token: generate it there (or use the one the URI names); no ca.key is written')
    .option('--pkcs11-lib <path>', 'PKCS#11 module for --key (default: the URI\'s module-path, else p11-kit-proxy.so)')
    .option('--json', 'print the CA\'s files and its caCertificate object as JSON');
  addCaOption(command).action(async (options: InitOptions) => {
    const subject = parseDistinguishedName(options.subject);
    const keyType = parseKeyType(options.keyType);
    const validitySeconds = parseDurationSeconds(options.validity, '--validity');
    const store = storeOption(options.store);
    const token = options.key !== undefined ? await openTokenCaKey(options.key, keyType, options.pkcs11Lib) : undefined;
    try {
      const passphrase = !token && options.encrypt
        ? await readSecret({ file: options.passphraseFile, fileOption: '--passphrase-file', environmentVariable: 'IAMRA_CA_PASSPHRASE', purpose: 'the new CA key', confirm: true })
        : undefined;
      const result = await initCa({
        dir: caDir(options.ca), subject, keyType: token?.keyType ?? keyType, validitySeconds, isIntermediate: options.intermediate === true,
        passphrase, allowUntaggable: options.allowUntaggable === true, now: new Date(), actor: actor(), tokenKey: token?.tokenKey, ...(store ? { store } : {}),
      });
      const storeName = store ? describeStoreLocation(store) : result.paths.database;
      const storeLine = `store: ${storeName}\n`;
      if (options.json) {
        return await writeStdout(await initJson(result, { file: token ? null : result.paths.key, reference: token ? token.tokenKey.reference : null, isEncrypted: passphrase !== undefined }, storeName));
      }
      const keyLine = token ? `${token.tokenKey.reference} (on the token, ${token.isNew ? 'generated' : 'existing key'})` : `${result.paths.key}${passphrase ? ' (encrypted)' : ' (NOT encrypted)'}`;
      if (result.certificatePem) {
        await writeStdout(`created root CA in ${result.paths.dir}\nsubject: ${result.subject}\nserial: ${result.serialHex}\nnotAfter: ${result.notAfter?.toISOString()}\ncertificate: ${result.paths.certificate}\nkey: ${keyLine}\n${storeLine}`);
      } else {
        await writeStdout(`created intermediate CA key in ${result.paths.dir}\nsubject: ${result.subject}\n${token ? `key: ${keyLine}\n` : ''}${storeLine}CSR: ${result.paths.csr}\nHave the root sign it, then run: iamra ca import-cert --ca ${result.paths.dir} CERT.pem\n`);
      }
    } finally {
      await token?.tokenKey.key.close?.();
    }
  });
}
