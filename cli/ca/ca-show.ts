// `iamra ca show`: the anchor certificate's details, for humans or as JSON.
import { createHash, X509Certificate } from 'node:crypto';
import type { Command } from 'commander';
import { keyTypeOf } from '../../ca/key-type.js';
import { requireCertificate } from '../../ca/open-ca.js';
import { parseCertificateFields } from '../../x509/certificate-fields.js';
import { loadMlDsaEngine } from '../../x509/ml-dsa-engine.js';
import { readMlDsaSpki } from '../../x509/ml-dsa.js';
import { readSignedParts } from '../../x509/signed-parts.js';
import { verifyX509Signature } from '../../x509/verify-x509-signature.js';
import { addCaOption, withCa, writeStdout } from './common.js';

export function registerCaShow(ca: Command): void {
  const command = ca.command('show').description('print the CA certificate (the Roles Anywhere trust anchor)').option('--json', 'print JSON').option('--pem', 'print the certificate PEM');
  addCaOption(command).action((options: { ca?: string; json?: boolean; pem?: boolean }) =>
    withCa(options.ca, async (ca) => {
      const { der } = requireCertificate(ca);
      const certificate = new X509Certificate(der);
      const spki = parseCertificateFields(der).subjectPublicKeyInfo;
      const mlDsa = readMlDsaSpki(spki);
      if (mlDsa) await loadMlDsaEngine();
      if (options.pem) return writeStdout(certificate.toString());
      const details = {
        subject: certificate.subject.replace(/\n/g, ', '),
        issuer: certificate.issuer.replace(/\n/g, ', '),
        serial: certificate.serialNumber.toLowerCase(),
        notBefore: new Date(certificate.validFrom).toISOString(),
        notAfter: new Date(certificate.validTo).toISOString(),
        keyType: keyTypeOf(mlDsa ? mlDsa.parameters.name : certificate.publicKey),
        isSelfSigned: certificate.subject === certificate.issuer && verifyX509Signature(readSignedParts(der), { subjectPublicKeyInfo: spki }),
        sha256Fingerprint: createHash('sha256').update(der).digest('hex'),
        certificatePath: ca.paths.certificate,
      };
      if (options.json) return writeStdout(`${JSON.stringify(details, null, 2)}\n`);
      await writeStdout(Object.entries(details).map(([k, v]) => `${k}: ${v}`).join('\n') + '\n');
    }),
  );
}
