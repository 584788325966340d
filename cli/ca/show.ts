// `iamra show SERIAL` and `iamra export SERIAL`: one certificate's record, or its PEM/DER.
import { X509Certificate } from 'node:crypto';
import type { Command } from 'commander';
import { writeNewFile } from '../../io/write-new-file.js';
import { findCertificate } from '../../ca/list-certificates.js';
import { addCaOption, withCa, writeStdout } from './common.js';
import { certificateJson } from './list.js';
import { serialFromArgument } from './serial-argument.js';

export function registerShow(program: Command): void {
  const command = program.command('show').description('show one issued certificate').argument('<serial>', 'hex serial').option('--json', 'print JSON');
  addCaOption(command).action((serial: string, options: { ca?: string; json?: boolean }) =>
    withCa(options.ca, async (ca) => {
      const record = findCertificate(ca.store, serialFromArgument(serial, false), new Date());
      const certificate = new X509Certificate(record.der);
      const details = { ...certificateJson(record), issuer: certificate.issuer.replace(/\n/g, ', '), subjectAltName: certificate.subjectAltName ?? null, fingerprint256: certificate.fingerprint256 };
      if (options.json) return writeStdout(`${JSON.stringify(details, null, 2)}\n`);
      await writeStdout(Object.entries(details).filter(([, v]) => v !== null).map(([k, v]) => `${k}: ${v}`).join('\n') + '\n');
    }),
  );
}

export function registerExport(program: Command): void {
  const command = program.command('export').description('print an issued certificate (PEM, or DER with --der and --out)').argument('<serial>', 'hex serial')
    .option('--out <file>', 'write to this file instead of stdout').option('--der', 'DER instead of PEM');
  addCaOption(command).action((serial: string, options: { ca?: string; out?: string; der?: boolean }) =>
    withCa(options.ca, async (ca) => {
      const record = findCertificate(ca.store, serialFromArgument(serial, false), new Date());
      const data = options.der ? record.der : new X509Certificate(record.der).toString();
      if (options.out) writeNewFile(options.out, data, 0o644);
      else await writeStdout(data);
    }),
  );
}
