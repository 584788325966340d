// `iamra show SERIAL|PREFIX|CERT` and `iamra export SERIAL|PREFIX|CERT`: one certificate's record
// (the certificate JSON shape plus issuer and fingerprint), or its PEM/DER.
import type { Command } from 'commander';
import { certificatePem, describeIssuedCertificate } from '../../ca/describe-certificate.js';
import { viewCertificate } from '../../ca/certificate-view.js';
import { locateCertificate } from '../../ca/locate-certificate.js';
import { writeNewFile } from '../../io/write-new-file.js';
import { addCaOption, withCa, writeStdout } from '../shared/common.js';
import { certificateJson, jsonText } from './certificate-json.js';
import { certificateReference } from './serial-argument.js';

const ARGUMENT_HELP = 'hex serial, a unique serial prefix, or a certificate file of this CA (PEM or DER)';

/** Text labels of the JSON fields, in order; empty values are left out. */
const LABELS: ReadonlyArray<[key: string, label: string]> = [
  ['serial', 'serial'], ['subject', 'subject'], ['sans', 'SANs'], ['status', 'status'], ['notBefore', 'not before'], ['notAfter', 'not after'],
  ['issuedAt', 'issued at'], ['keyType', 'key type'], ['template', 'template'], ['revokedAt', 'revoked at'], ['revocationReason', 'revocation reason'],
  ['renewedFrom', 'renewed from'], ['renewedBy', 'renewed by'], ['issuer', 'issuer'], ['sha256Fingerprint', 'SHA-256 fingerprint'],
];

function renderText(details: Record<string, unknown>): string {
  return LABELS.flatMap(([key, label]) => {
    const value = details[key];
    if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return [];
    return [`${label}: ${Array.isArray(value) ? value.join(', ') : String(value)}`];
  }).join('\n') + '\n';
}

export function registerShow(program: Command): void {
  const command = program.command('show').description('show one issued certificate, with its renewal links').argument('<serial|prefix|cert>', ARGUMENT_HELP).option('--json', 'print the certificate object (with issuer and sha256Fingerprint)');
  addCaOption(command).action((argument: string, options: { ca?: string; json?: boolean }) => {
    const reference = certificateReference(argument);
    return withCa(options, async (ca) => {
      const record = await locateCertificate(ca.store, reference);
      const details = { ...certificateJson(await viewCertificate(ca.store, record, new Date())), ...describeIssuedCertificate(record.der) };
      await writeStdout(options.json ? jsonText(details) : renderText(details));
    });
  });
}

interface ExportOptions {
  ca?: string;
  out?: string;
  der?: boolean;
  json?: boolean;
}

export function registerExport(program: Command): void {
  const command = program.command('export').description('print an issued certificate (PEM, or DER with --der and --out)').argument('<serial|prefix|cert>', ARGUMENT_HELP)
    .option('--out <file>', 'write to this file instead of stdout').option('--der', 'DER instead of PEM').option('--json', 'print the certificate object with the file written and the PEM');
  addCaOption(command).action((argument: string, options: ExportOptions) => {
    const reference = certificateReference(argument);
    return withCa(options, async (ca) => {
      const record = await locateCertificate(ca.store, reference);
      const pem = certificatePem(record.der);
      const data = options.der ? record.der : pem;
      if (options.out) writeNewFile(options.out, data, 0o644);
      if (options.json) return writeStdout(jsonText({ ...certificateJson(await viewCertificate(ca.store, record, new Date())), file: options.out ?? null, format: options.der ? 'der' : 'pem', pem }));
      if (!options.out) await writeStdout(data);
    });
  });
}
