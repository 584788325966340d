// `iamra show SERIAL` and `iamra export SERIAL`: one certificate's record, or its PEM/DER.
import type { Command } from 'commander';
import { certificatePem, describeIssuedCertificate } from '../../ca/describe-certificate.js';
import { writeNewFile } from '../../io/write-new-file.js';
import { findCertificate } from '../../ca/list-certificates.js';
import { addCaOption, withCa, writeStdout } from '../shared/common.js';
import { certificateJson } from './list.js';
import { serialFromArgument } from './serial-argument.js';

export function registerShow(program: Command): void {
  const command = program.command('show').description('show one issued certificate').argument('<serial>', 'hex serial').option('--json', 'print JSON');
  addCaOption(command).action((serial: string, options: { ca?: string; json?: boolean }) =>
    withCa(options, async (ca) => {
      const record = await findCertificate(ca.store, serialFromArgument(serial, false), new Date());
      const details = { ...certificateJson(record), ...describeIssuedCertificate(record.der) };
      if (options.json) return writeStdout(`${JSON.stringify(details, null, 2)}\n`);
      await writeStdout(Object.entries(details).filter(([, v]) => v !== null).map(([k, v]) => `${k}: ${v}`).join('\n') + '\n');
    }),
  );
}

export function registerExport(program: Command): void {
  const command = program.command('export').description('print an issued certificate (PEM, or DER with --der and --out)').argument('<serial>', 'hex serial')
    .option('--out <file>', 'write to this file instead of stdout').option('--der', 'DER instead of PEM');
  addCaOption(command).action((serial: string, options: { ca?: string; out?: string; der?: boolean }) =>
    withCa(options, async (ca) => {
      const record = await findCertificate(ca.store, serialFromArgument(serial, false), new Date());
      const data = options.der ? record.der : certificatePem(record.der);
      if (options.out) writeNewFile(options.out, data, 0o644);
      else await writeStdout(data);
    }),
  );
}
