// `iamra ca export-store --to LOCATION | --from LOCATION`: moves a CA between SQLite and PostgreSQL.
import { type Command, Option } from 'commander';
import { describeStoreLocation, parseStoreLocation, readCaConfig } from '../../ca/ca-config.js';
import { exportStore } from '../../ca/export-store.js';
import { UsageError } from '../../errors.js';
import { addCaOption, caDir, storeOption, writeStdout } from '../shared/common.js';

interface ExportOptions {
  ca?: string;
  store?: string;
  to?: string;
  from?: string;
}

export function registerCaExportStore(ca: Command): void {
  const command = ca.command('export-store')
    .description('copy every record of the CA store into an empty one (SQLite <-> PostgreSQL), checking the counts')
    .addOption(new Option('--to <location>', 'destination: postgres://... or sqlite:FILE (the CA\'s store is the source)').conflicts('from'))
    .addOption(new Option('--from <location>', 'source: postgres://... or sqlite:FILE (the CA\'s store, or --store, is the destination)'));
  addCaOption(command).action(async (options: ExportOptions) => {
    if ((options.to === undefined) === (options.from === undefined)) throw new UsageError('EXPORT_STORE_DIRECTION', 'ca export-store needs exactly one of --to LOCATION and --from LOCATION. Run "iamra ca export-store --help".');
    const dir = caDir(options.ca);
    const own = storeOption(options.store) ?? parseStoreLocation(readCaConfig(dir).store, dir);
    const other = parseStoreLocation(options.to ?? options.from ?? '', process.cwd());
    const [from, to] = options.to !== undefined ? [own, other] : [other, own];
    const counts = await exportStore({ from, to });
    const summary = Object.entries(counts).map(([table, n]) => `${table} ${n}`).join(', ');
    await writeStdout(`exported ${describeStoreLocation(from)} to ${describeStoreLocation(to)}: ${summary}\n`);
  });
}
