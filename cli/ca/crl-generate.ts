// `iamra crl generate`: signs the next CRL and prints its size against the ImportCrl cap.
import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import { writeNewFile } from '../../io/write-new-file.js';
import { buildCrl } from '../../ca/build-crl.js';
import { MAX_CRL_BYTES } from '../../roles-anywhere/service-limits.js';
import { parseDurationSeconds } from '../../ca/x509/duration.js';
import { actor, addCaOption, checkNewOutputPath, withCa, writeStdout } from '../shared/common.js';
import { caPassphrase } from '../shared/ca-passphrase.js';

interface CrlOptions {
  ca?: string;
  out?: string;
  der?: boolean;
  nextUpdate: string;
  maxBytes: string;
  passphraseFile?: string;
}

export function registerCrlGenerate(crl: Command): void {
  const command = crl.command('generate')
    .description('sign an X.509 v2 CRL of the revoked, unexpired certificates (next CRL number)')
    .option('--out <file>', 'write the CRL here (default: stdout)')
    .option('--der', 'DER instead of PEM (Roles Anywhere ImportCrl wants PEM)')
    .option('--next-update <duration>', 'nextUpdate after thisUpdate', '7d')
    .option('--max-bytes <n>', 'refuse a CRL whose PEM is larger (0: no limit)', String(MAX_CRL_BYTES))
    .option('--passphrase-file <file>', 'file holding the CA key passphrase (else $IAMRA_CA_PASSPHRASE, else a prompt)');
  addCaOption(command).action((options: CrlOptions) =>
    withCa(options, async (ca) => {
      const nextUpdateSeconds = parseDurationSeconds(options.nextUpdate, '--next-update');
      const maxBytes = Number(options.maxBytes);
      if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) throw new UsageError('MAX_BYTES_INVALID', `invalid --max-bytes ${JSON.stringify(options.maxBytes)}: not a whole number. Use e.g. 300000, or 0 for no limit.`);
      // Before signing: buildCrl stores the CRL and takes its number, which a refused --out would waste.
      if (options.out) checkNewOutputPath(options.out);
      const signer = await ca.signer(caPassphrase(options.passphraseFile));
      const crl = await buildCrl({ store: ca.store, signer, now: new Date(), nextUpdateSeconds, maxBytes: maxBytes === 0 ? undefined : maxBytes, actor: actor() });
      const data = options.der ? crl.der : crl.pem;
      if (options.out) writeNewFile(options.out, data, 0o644);
      else await writeStdout(data);
      const percent = ((crl.pem.length / MAX_CRL_BYTES) * 100).toFixed(1);
      process.stderr.write(`iamra: CRL ${crl.crlNumber}: ${crl.entryCount} ${crl.entryCount === 1 ? 'entry' : 'entries'}, ${crl.pem.length} bytes as PEM (${percent}% of the ${MAX_CRL_BYTES}-byte ImportCrl limit), nextUpdate ${crl.nextUpdate.toISOString()}${options.out ? `, written to ${options.out}` : ''}\n`);
    }),
  );
}
