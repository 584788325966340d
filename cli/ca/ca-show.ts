// `iamra ca show`: the anchor certificate's details, for humans or as JSON.
import { createHash, X509Certificate } from 'node:crypto';
import type { Command } from 'commander';
import { keyTypeOf } from '../../ca/key-type.js';
import { requireCertificate } from '../../ca/open-ca.js';
import { addCaOption, withCa, writeStdout } from '../shared/common.js';

export function registerCaShow(ca: Command): void {
  const command = ca.command('show').description('print the CA certificate (the Roles Anywhere trust anchor)').option('--json', 'print JSON').option('--pem', 'print the certificate PEM');
  addCaOption(command).action((options: { ca?: string; json?: boolean; pem?: boolean }) =>
    withCa(options.ca, async (ca) => {
      const { der } = requireCertificate(ca);
      const certificate = new X509Certificate(der);
      if (options.pem) return writeStdout(certificate.toString());
      const details = {
        subject: certificate.subject.replace(/\n/g, ', '),
        issuer: certificate.issuer.replace(/\n/g, ', '),
        serial: certificate.serialNumber.toLowerCase(),
        notBefore: new Date(certificate.validFrom).toISOString(),
        notAfter: new Date(certificate.validTo).toISOString(),
        keyType: keyTypeOf(certificate.publicKey),
        isSelfSigned: certificate.subject === certificate.issuer && certificate.verify(certificate.publicKey),
        sha256Fingerprint: createHash('sha256').update(der).digest('hex'),
        certificatePath: ca.paths.certificate,
      };
      if (options.json) return writeStdout(`${JSON.stringify(details, null, 2)}\n`);
      await writeStdout(Object.entries(details).map(([k, v]) => `${k}: ${v}`).join('\n') + '\n');
    }),
  );
}
