// `iamra ca show`: the anchor certificate's details, for humans or as JSON.
import type { Command } from 'commander';
import { certificatePem, describeCaCertificate } from '../../ca/describe-certificate.js';
import { requireCertificate } from '../../ca/open-ca.js';
import { addCaOption, withCa, writeStdout } from '../shared/common.js';
import { jsonText } from './certificate-json.js';

export function registerCaShow(ca: Command): void {
  const command = ca.command('show').description('print the CA certificate (the Roles Anywhere trust anchor)').option('--json', 'print the caCertificate object with certificateFile').option('--pem', 'print the certificate PEM');
  addCaOption(command).action((options: { ca?: string; json?: boolean; pem?: boolean }) =>
    withCa(options, async (ca) => {
      const { der } = requireCertificate(ca);
      if (options.pem) return writeStdout(certificatePem(der));
      const details = { ...(await describeCaCertificate(der)), certificateFile: ca.paths.certificate };
      if (options.json) return writeStdout(jsonText(details));
      await writeStdout(Object.entries(details).map(([k, v]) => `${k}: ${v}`).join('\n') + '\n');
    }),
  );
}
