// `iamra crl generate`: signs the next CRL and prints its size against the ImportCrl cap. `--out`
// replaces this CA's previous CRL file atomically (a cron job rewrites the same path every run).
import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import { writeNewFile } from '../../io/write-new-file.js';
import { replaceFile } from '../../io/replace-file.js';
import { PUBLIC_FILE_MODE } from '../../io/write-file-atomic.js';
import { buildCrl, type BuiltCrl } from '../../ca/build-crl.js';
import { checkCrlOutput, type CrlOutput } from '../../ca/check-crl-output.js';
import { requireCertificate } from '../../ca/open-ca.js';
import { MAX_CRL_BYTES } from '../../roles-anywhere/service-limits.js';
import { parseDurationSeconds } from '../../ca/x509/duration.js';
import { actor, addCaOption, checkNewOutputPath, checkOutputDirectory, withCa, writeStdout } from '../shared/common.js';
import { caPassphrase } from '../shared/ca-passphrase.js';
import { jsonText } from './certificate-json.js';

interface CrlOptions {
  ca?: string;
  out?: string;
  der?: boolean;
  force?: boolean;
  nextUpdate: string;
  maxBytes: string;
  passphraseFile?: string;
  json?: boolean;
}

/** The `crl` JSON shape (docs/ca.md). */
export function crlJson(crl: BuiltCrl, options: CrlOptions, output: CrlOutput | undefined): Record<string, unknown> {
  return {
    crlNumber: crl.crlNumber, thisUpdate: crl.thisUpdate.toISOString(), nextUpdate: crl.nextUpdate.toISOString(), entryCount: crl.entryCount,
    pemBytes: crl.pem.length, importCrlLimitBytes: MAX_CRL_BYTES, file: options.out ?? null, isReplaced: output === 'replace', format: options.der ? 'der' : 'pem', pem: crl.pem,
  };
}

function summary(crl: BuiltCrl, options: CrlOptions, output: CrlOutput | undefined): string {
  const percent = ((crl.pem.length / MAX_CRL_BYTES) * 100).toFixed(1);
  const written = options.out ? `, ${output === 'replace' ? 'replaced' : 'written to'} ${options.out}` : '';
  return `iamra: CRL ${crl.crlNumber}: ${crl.entryCount} ${crl.entryCount === 1 ? 'entry' : 'entries'}, ${crl.pem.length} bytes as PEM (${percent}% of the ${MAX_CRL_BYTES}-byte ImportCrl limit), nextUpdate ${crl.nextUpdate.toISOString()}${written}\n`;
}

export function registerCrlGenerate(crl: Command): void {
  const command = crl.command('generate')
    .description('sign an X.509 v2 CRL of the revoked, unexpired certificates (next CRL number)')
    .option('--out <file>', 'write the CRL here, atomically replacing a previous CRL of this CA (default: stdout)')
    .option('--force', 'with --out: replace whatever the file holds, even if it is not a CRL of this CA')
    .option('--der', 'DER instead of PEM (Roles Anywhere ImportCrl wants PEM)')
    .option('--next-update <duration>', 'nextUpdate after thisUpdate', '7d')
    .option('--max-bytes <n>', 'refuse a CRL whose PEM is larger (0: no limit)', String(MAX_CRL_BYTES))
    .option('--passphrase-file <file>', 'file holding the CA key passphrase (else $IAMRA_CA_PASSPHRASE, else a prompt)')
    .option('--json', 'print the crl object (with the PEM) instead of the CRL');
  addCaOption(command).action((options: CrlOptions) =>
    withCa(options, async (ca) => {
      const nextUpdateSeconds = parseDurationSeconds(options.nextUpdate, '--next-update');
      const maxBytes = Number(options.maxBytes);
      if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) throw new UsageError('MAX_BYTES_INVALID', `invalid --max-bytes ${JSON.stringify(options.maxBytes)}: not a whole number. Use e.g. 300000, or 0 for no limit.`);
      if (options.force && !options.out) throw new UsageError('FORCE_WITHOUT_OUT', 'invalid --force: it applies to --out FILE, which is missing. Add --out FILE or drop --force.');
      // Before signing: buildCrl stores the CRL and takes its number, which a refused --out would waste.
      const output = options.out === undefined ? undefined : checkCrlOutput(options.out, requireCertificate(ca), options.force === true);
      if (options.out && output === 'new') checkNewOutputPath(options.out);
      else if (options.out) checkOutputDirectory(options.out);
      const signer = await ca.signer(caPassphrase(options.passphraseFile));
      const crl = await buildCrl({ store: ca.store, signer, now: new Date(), nextUpdateSeconds, maxBytes: maxBytes === 0 ? undefined : maxBytes, actor: actor() });
      const data = options.der ? crl.der : crl.pem;
      if (options.out && output === 'replace') replaceFile(options.out, data, PUBLIC_FILE_MODE);
      else if (options.out) writeNewFile(options.out, data, PUBLIC_FILE_MODE);
      if (options.json) return writeStdout(jsonText(crlJson(crl, options, output)));
      if (!options.out) await writeStdout(data);
      process.stderr.write(summary(crl, options, output));
    }),
  );
}
