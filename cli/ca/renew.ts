// `iamra renew SERIAL|PREFIX|CERT --cert-out FILE [--key-out FILE | --csr FILE]`: the same names
// and template with a fresh validity and key; `--revoke-old` supersedes the old certificate in the
// renewal's own store transaction; files are written after that commit, and `--publish` then
// publishes the CRL as `revoke --publish` does.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { InputError, UsageError } from '../../errors.js';
import { viewCertificate } from '../../ca/certificate-view.js';
import type { IssuedCertificate } from '../../ca/issue-certificate.js';
import { locateCertificate } from '../../ca/locate-certificate.js';
import type { OpenCa } from '../../ca/open-ca.js';
import { prepareRenewal, renewCertificate, type PreparedRenewal, type RenewedCertificate } from '../../ca/renew-certificate.js';
import { parseDurationSeconds } from '../../ca/x509/duration.js';
import { PUBLIC_FILE_MODE } from '../../io/write-file-atomic.js';
import { writeNewFile } from '../../io/write-new-file.js';
import { writePrivateKey } from '../../keys/write-private-key.js';
import { caPassphrase } from '../shared/ca-passphrase.js';
import { actor, addCaOption, checkNewOutputPath, readCliInput, withCa, writeStdout } from '../shared/common.js';
import type { RevokeFollowUp } from '../shared/revoke-follow-up.js';
import { certificateJson, jsonText } from './certificate-json.js';
import { runFollowUp } from './revoke.js';
import { certificateReference } from './serial-argument.js';

interface RenewOptions {
  ca?: string;
  certOut?: string;
  keyOut?: string;
  csr?: string;
  validity?: string;
  revokeOld?: boolean;
  publish?: boolean;
  passphraseFile?: string;
  json?: boolean;
}

function checkOptions(options: RenewOptions): void {
  if (options.certOut === undefined) throw new UsageError('CERT_OUT_REQUIRED', 'cannot renew: the new certificate needs --cert-out FILE. Add it.');
  if ((options.csr === undefined) === (options.keyOut === undefined)) {
    throw new UsageError('RENEW_SOURCE', 'cannot renew: give exactly one of --key-out FILE (a new key generated here) or --csr FILE (the workload keeps its key). See "iamra renew --help".');
  }
  if (options.publish && !options.revokeOld) throw new UsageError('PUBLISH_WITHOUT_REVOKE', 'cannot renew with --publish: there is nothing to publish without --revoke-old. Add --revoke-old, or drop --publish.');
  if (options.keyOut !== undefined && resolve(options.keyOut) === resolve(options.certOut)) {
    throw new UsageError('RENEW_SAME_OUTPUT', `cannot renew: --key-out and --cert-out name the same file (${options.certOut}). Give two paths.`);
  }
  // Checked before anything is stored, so a committed renewal rarely lacks its written outputs.
  for (const path of [options.certOut, options.keyOut]) if (path !== undefined) checkNewOutputPath(path);
}

/** A file that could not be written after the commit: the message says what is stored and how to recover. */
function afterCommit(error: unknown, issued: IssuedCertificate, isKeyWritten: boolean, options: RenewOptions): unknown {
  if (!(error instanceof InputError)) return error;
  const stored = `The renewal ${issued.serialHex} of ${issued.record.renewedFrom} is committed${options.revokeOld ? ' (the old certificate revoked)' : ''}`;
  const recovery = options.keyOut && !isKeyWritten ? `renew ${issued.serialHex} again for a key (the generated one was not kept)` : `export the certificate with "iamra export ${issued.serialHex} --out FILE"`;
  return new InputError(error.code, `${error.message} ${stored}: ${recovery}.`, { cause: error });
}

/** Writes the key, then the certificate: only after the renewal has committed. */
function deliverTo(options: RenewOptions, prepared: PreparedRenewal): (issued: IssuedCertificate) => void {
  return (issued) => {
    let isKeyWritten = false;
    try {
      if (prepared.generatedKey && options.keyOut) writePrivateKey({ path: options.keyOut, key: prepared.generatedKey.writable });
      isKeyWritten = true;
      // Non-null: checkOptions requires --cert-out.
      writeNewFile(options.certOut!, issued.pem, PUBLIC_FILE_MODE);
    } catch (error) {
      throw afterCommit(error, issued, isKeyWritten, options);
    }
  };
}

function renewedText(options: RenewOptions, { issued, previous }: RenewedCertificate): string {
  const lines = [`renewed ${previous.serialHex} as ${issued.serialHex}`, `subject: ${issued.subject}`, `notAfter: ${issued.notAfter.toISOString()}`, `certificate: ${options.certOut}`];
  if (options.keyOut) lines.push(`key: ${options.keyOut}`);
  if (previous.revokedAt) lines.push(`revoked ${previous.serialHex} (superseded)`);
  return lines.map((line) => `${line}\n`).join('');
}

async function renewedJson(ca: OpenCa, options: RenewOptions, { issued, previous }: RenewedCertificate, publish: unknown): Promise<string> {
  const now = new Date();
  return jsonText({
    ...certificateJson(await viewCertificate(ca.store, issued.record, now)), certificateFile: options.certOut ?? null, keyFile: options.keyOut ?? null, pem: issued.pem,
    previous: certificateJson(await viewCertificate(ca.store, previous, now)), publish,
  });
}

export function registerRenew(program: Command, followUp: RevokeFollowUp): void {
  const command = program.command('renew')
    .description('re-issue a certificate with the same subject, SANs and template, a fresh validity and a new key (or a CSR\'s)')
    .argument('<serial|prefix|cert>', 'the certificate to renew: hex serial, a unique serial prefix, or its file (PEM or DER)')
    .option('--cert-out <file>', 'write the new certificate here (required)')
    .option('--key-out <file>', 'generate a new key of the old key type and write it here (PKCS#8 PEM, 0600)')
    .option('--csr <file>', 'use this PKCS#10 request\'s key instead (its signature is checked; its names are not used)')
    .option('--validity <duration>', 'lifetime, e.g. 30d; never past the CA\'s notAfter (default: the template\'s, else the old certificate\'s)')
    .option('--revoke-old', 'revoke the old certificate with reason superseded, in the same transaction as the renewal')
    .option('--publish', 'with --revoke-old: then publish the new CRL as "revoke --publish" does')
    .option('--passphrase-file <file>', 'file holding the CA key passphrase (else $IAMRA_CA_PASSPHRASE, else a prompt)')
    .option('--json', 'print the new certificate object, the files written, and "previous" (the old certificate object)');
  addCaOption(command).action(async (argument: string, options: RenewOptions) => {
    checkOptions(options);
    const reference = certificateReference(argument);
    const validitySeconds = options.validity === undefined ? undefined : parseDurationSeconds(options.validity, '--validity');
    const csrData = options.csr === undefined ? undefined : readCliInput(options.csr === '-' ? 0 : options.csr, 'CSR');
    await withCa(options, async (ca) => {
      const previous = await locateCertificate(ca.store, reference);
      const prepared = await prepareRenewal({ previous, store: ca.store, csrData, csrSource: options.csr === '-' ? 'stdin' : options.csr });
      const signer = await ca.signer(caPassphrase(options.passphraseFile));
      const publish = await followUp.prepare(ca, { publish: options.publish === true, ...(options.passphraseFile ? { passphraseFile: options.passphraseFile } : {}) });
      try {
        const renewed = await renewCertificate({
          prepared, store: ca.store, signer, validitySeconds, isRevokingPrevious: options.revokeOld === true, deliver: deliverTo(options, prepared), now: new Date(), actor: actor(),
        });
        if (renewed.issued.isClampedToCa) process.stderr.write(`iamra: note: notAfter was cut to the CA's notAfter (${renewed.issued.notAfter.toISOString()}).\n`);
        // The renewal is reported before publishing, which may fail on its own.
        if (!options.json) await writeStdout(renewedText(options, renewed));
        const published = await runFollowUp(publish, options.json === true);
        await writeStdout(options.json ? await renewedJson(ca, options, renewed, published.json) : published.text);
      } finally {
        await publish?.close();
      }
    });
  });
}
