// `iamra ca import-cert`: finishes an intermediate CA with the certificate its root issued;
// `--json` prints it as `ca show --json` does, with the chain saved beside it.
import type { Command } from 'commander';
import { describeCaCertificate } from '../../ca/describe-certificate.js';
import { importCaCertificate } from '../../ca/import-ca-certificate.js';
import { actor, addCaOption, readCliInput, withCa, writeStdout } from '../shared/common.js';
import { jsonText } from './certificate-json.js';

export function registerCaImportCert(ca: Command): void {
  const command = ca.command('import-cert')
    .description('install the certificate an external root issued for this intermediate CA (from "ca init --intermediate")')
    .argument('<cert>', 'the CA certificate (PEM or DER)')
    .option('--chain <file>', 'PEM issuer certificates up to the root, checked and saved as ca-chain.crt')
    .option('--json', 'print the caCertificate object with certificateFile, chainFile and chain (the issuers\' caCertificate objects)');
  addCaOption(command).action((cert: string, options: { ca?: string; chain?: string; json?: boolean }) =>
    withCa(options, async (ca) => {
      const result = await importCaCertificate({
        ca, certificateData: readCliInput(cert, 'CA certificate'), source: cert,
        chainData: options.chain === undefined ? undefined : readCliInput(options.chain, 'CA chain'), chainSource: options.chain,
        now: new Date(), actor: actor(),
      });
      if (options.json) {
        const chain = await Promise.all(result.chain.map((der) => describeCaCertificate(der)));
        return writeStdout(jsonText({ ...(await describeCaCertificate(result.der)), certificateFile: ca.paths.certificate, chainFile: chain.length > 0 ? ca.paths.chain : null, chain }));
      }
      await writeStdout(`imported CA certificate into ${ca.paths.dir}\nsubject: ${result.subject}\nnotAfter: ${result.notAfter.toISOString()}\n`);
    }),
  );
}
