// `iamra ca import-cert`: finishes an intermediate CA with the certificate its root issued.
import type { Command } from 'commander';
import { importCaCertificate } from '../../ca/import-ca-certificate.js';
import { actor, addCaOption, readCliInput, withCa, writeStdout } from '../shared/common.js';

export function registerCaImportCert(ca: Command): void {
  const command = ca.command('import-cert')
    .description('install the certificate an external root issued for this intermediate CA (from "ca init --intermediate")')
    .argument('<cert>', 'the CA certificate (PEM or DER)')
    .option('--chain <file>', 'PEM issuer certificates up to the root, checked and saved as ca-chain.crt');
  addCaOption(command).action((cert: string, options: { ca?: string; chain?: string }) =>
    withCa(options, async (ca) => {
      const result = await importCaCertificate({
        ca, certificateData: readCliInput(cert, 'CA certificate'), source: cert,
        chainData: options.chain === undefined ? undefined : readCliInput(options.chain, 'CA chain'), chainSource: options.chain,
        now: new Date(), actor: actor(),
      });
      await writeStdout(`imported CA certificate into ${ca.paths.dir}\nsubject: ${result.subject}\nnotAfter: ${result.notAfter.toISOString()}\n`);
    }),
  );
}
