// `iamra ca import-cert`: finishes an intermediate CA with the certificate its root issued.
import { existsSync, readFileSync } from 'node:fs';
import { mentionsMlDsaIn } from '../../ca/ml-dsa-ca-key.js';
import { loadMlDsaEngine } from '../../x509/ml-dsa-engine.js';
import type { Command } from 'commander';
import { importCaCertificate } from '../../ca/import-ca-certificate.js';
import { actor, addCaOption, readInputFile, withCa, writeStdout } from './common.js';

export function registerCaImportCert(ca: Command): void {
  const command = ca.command('import-cert')
    .description('install the certificate an external root issued for this intermediate CA (from "ca init --intermediate")')
    .argument('<cert>', 'the CA certificate (PEM or DER)')
    .option('--chain <file>', 'PEM issuer certificates up to the root, checked and saved as ca-chain.crt');
  addCaOption(command).action((cert: string, options: { ca?: string; chain?: string }) =>
    withCa(options.ca, async (ca) => {
      const certificateData = readInputFile(cert, 'CA certificate');
      const chainData = options.chain === undefined ? undefined : readInputFile(options.chain, 'CA chain');
      // ML-DSA signatures (the CSR's, the chain's) are checked synchronously: load the engine first (issue 14).
      if ([certificateData, chainData].some((data) => data && mentionsMlDsaIn(data)) || existsSync(ca.paths.csr) && mentionsMlDsaIn(readFileSync(ca.paths.csr))) await loadMlDsaEngine();
      const result = importCaCertificate({
        ca, certificateData, source: cert,
        chainData, chainSource: options.chain,
        now: new Date(), actor: actor(),
      });
      await writeStdout(`imported CA certificate into ${ca.paths.dir}\nsubject: ${result.subject}\nnotAfter: ${result.notAfter.toISOString()}\n`);
    }),
  );
}
