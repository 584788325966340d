// `iamra issue`: one Roles Anywhere end-entity certificate from a CSR or a key generated here.
import { type Command, Option } from 'commander';
import { UsageError } from '../../errors.js';
import { writePrivateKey } from '../../keys/write-private-key.js';
import { writeNewFile } from '../../io/write-new-file.js';
import type { IssuedCertificate } from '../../ca/issue-certificate.js';
import { issueCertificates, prepareIssue } from '../../ca/issue-certificates.js';
import { KEY_TYPES, parseKeyType } from '../../ca/key-type.js';
import { parseDurationSeconds } from '../../ca/x509/duration.js';
import { formatSubjectAltName } from '../../ca/x509/subject-alt-name.js';
import { actor, addCaOption, checkNewOutputPath, collect, readCliInput, withCa, writeStdout } from '../shared/common.js';
import { caPassphrase } from '../shared/ca-passphrase.js';
import { readSecret } from '../shared/passphrase.js';
import { statusAt } from '../../ca/certificate-view.js';
import { certificateJson, jsonText } from './certificate-json.js';

interface IssueOptions {
  ca?: string;
  csr?: string;
  generateKey?: boolean;
  keyType: string;
  subject?: string;
  san?: string[];
  validity?: string;
  template?: string;
  certOut?: string;
  keyOut?: string;
  p12?: string;
  p12PasswordFile?: string;
  passphraseFile?: string;
  allowUntaggable?: boolean;
  json?: boolean;
  count: string;
}

function checkOptions(options: IssueOptions): number {
  if ((options.csr === undefined) === (options.generateKey !== true)) throw new UsageError('ISSUE_SOURCE', 'cannot issue: give exactly one of --csr FILE or --generate-key. See "iamra issue --help".');
  if (options.generateKey && options.keyOut === undefined && options.p12 === undefined) throw new UsageError('KEY_OUT_REQUIRED', 'cannot issue with --generate-key: the key needs --key-out FILE or --p12 FILE (it is never printed). Add one.');
  if (!options.generateKey && (options.keyOut !== undefined || options.p12 !== undefined)) throw new UsageError('KEY_OUT_WITHOUT_KEY', 'cannot issue: --key-out and --p12 need --generate-key (a CSR\'s key stays with its owner). Remove them.');
  if (options.p12 !== undefined && options.keyType.startsWith('ml-dsa-')) {
    throw new UsageError('P12_KEY_TYPE_INVALID', `cannot issue: --p12 does not take ML-DSA keys yet (${options.keyType}). Use --key-out (PKCS#8).`);
  }
  const count = Number(options.count);
  if (!Number.isSafeInteger(count) || count < 1 || (count > 1 && options.generateKey)) throw new UsageError('COUNT_INVALID', 'invalid --count: a positive integer, with --csr only.');
  // Checked before anything is issued, so a stored certificate never lacks its written outputs.
  for (const path of [options.certOut, options.keyOut, options.p12]) {
    if (path !== undefined) checkNewOutputPath(path);
  }
  return count;
}

async function render(options: IssueOptions, issued: IssuedCertificate[]): Promise<void> {
  // Non-null: render runs only after at least one certificate was issued.
  const last = issued[issued.length - 1]!;
  if (options.json) {
    const now = new Date();
    const json = issued.map((c) => ({
      ...certificateJson({ ...c.record, status: statusAt(c.record, now), sans: c.sans.map(formatSubjectAltName), renewedBy: [] }),
      certificateFile: options.certOut ?? null, keyFile: options.keyOut ?? null, pkcs12File: options.p12 ?? null, pem: c.pem,
    }));
    await writeStdout(jsonText(json.length === 1 ? json[0] : json));
  } else if (options.certOut === undefined) {
    await writeStdout(issued.map((c) => c.pem).join(''));
  } else {
    await writeStdout(`issued ${issued.length === 1 ? last.serialHex : `${issued.length} certificates`}\nsubject: ${last.subject}\nnotAfter: ${last.notAfter.toISOString()}\ncertificate: ${options.certOut}\n${options.keyOut ? `key: ${options.keyOut}\n` : ''}${options.p12 ? `pkcs12: ${options.p12}\n` : ''}`);
  }
  if (last.isClampedToCa) process.stderr.write(`iamra: note: notAfter was cut to the CA's notAfter (${last.notAfter.toISOString()}).\n`);
}

export function registerIssue(program: Command): void {
  const command = program.command('issue')
    .description('issue a Roles Anywhere end-entity certificate (CA:false, digitalSignature, clientAuth) from a CSR or a generated key')
    .option('--csr <file>', 'PKCS#10 request (PEM or DER; - for stdin); its signature is checked (proof of possession)')
    .option('--generate-key', 'generate the key here (written 0600 to --key-out and/or into --p12)')
    .addOption(new Option('--key-type <type>', 'key type for --generate-key').choices([...KEY_TYPES]).default('ec-p256'))
    .option('--subject <dn>', 'subject, e.g. "CN=build-agent,O=Example,OU=CI" (default: the CSR\'s)')
    .option('--san <type:value>', 'subject alternative name: dns:, uri:, email:, ip:, dirname: (repeatable; default: the CSR\'s)', collect)
    .option('--validity <duration>', 'lifetime, e.g. 30d or 12h; never past the CA\'s notAfter (default: template, else 30d)')
    .option('--template <name>', 'issuance template to apply (see "iamra ca template")')
    .option('--cert-out <file>', 'write the certificate here (default: stdout)')
    .option('--key-out <file>', 'write the generated key here (PKCS#8 PEM, 0600)')
    .option('--p12 <file>', 'also write a PKCS#12 bundle of key and certificate (password from --p12-password-file or $IAMRA_P12_PASSWORD)')
    .option('--p12-password-file <file>', 'file holding the PKCS#12 password')
    .option('--passphrase-file <file>', 'file holding the CA key passphrase (else $IAMRA_CA_PASSPHRASE, else a prompt)')
    .option('--allow-untaggable', 'accept values that cannot become Roles Anywhere session tags')
    .option('--json', 'print the certificate object (an array with --count) with the files written and the PEM')
    .addOption(new Option('--count <n>', 'issue N certificates from the same CSR (tests and benchmarks)').default('1').hideHelp());
  addCaOption(command).action((options: IssueOptions) => issue(options));
}

async function issue(options: IssueOptions): Promise<void> {
  const count = checkOptions(options);
  const validitySeconds = options.validity === undefined ? undefined : parseDurationSeconds(options.validity, '--validity');
  const prepared = await prepareIssue({
    csrData: options.csr === undefined ? undefined : readCliInput(options.csr === '-' ? 0 : options.csr, 'CSR'),
    csrSource: options.csr === '-' ? 'stdin' : options.csr,
    generateKeyType: options.generateKey ? parseKeyType(options.keyType) : undefined,
    subjectText: options.subject, sanTexts: options.san ?? [],
  });
  const pkcs12Password = options.p12 === undefined ? undefined : await readSecret({ file: options.p12PasswordFile, fileOption: '--p12-password-file', environmentVariable: 'IAMRA_P12_PASSWORD', purpose: 'the PKCS#12 bundle', confirm: true });
  const { certificates, pkcs12 } = await withCa(options, async (ca) => issueCertificates({
    prepared, store: ca.store, signer: await ca.signer(caPassphrase(options.passphraseFile)), count, validitySeconds,
    templateName: options.template, allowUntaggable: options.allowUntaggable === true, pkcs12Password, actor: actor(),
  }));
  if (prepared.generatedKey && options.keyOut) writePrivateKey({ path: options.keyOut, key: prepared.generatedKey.writable });
  if (options.certOut) writeNewFile(options.certOut, certificates.map((c) => c.pem).join(''), 0o644);
  if (options.p12 && pkcs12) writeNewFile(options.p12, pkcs12, 0o600);
  await render(options, certificates);
}
