// Use-case `ca export-store`: copies every record of a CA store into an empty one (SQLite to
// PostgreSQL or back), then checks that each table holds as many rows as the source's.
import { existsSync, rmSync } from 'node:fs';
import { InputError, InternalError } from '../errors.js';
import { describeStoreLocation, type StoreLocation } from './ca-config.js';
import { openStoreDump } from './store/open-store-dump.js';
import type { StoreDump, TableCounts } from './store/store-dump.js';

export interface ExportStoreInput {
  from: StoreLocation;
  to: StoreLocation;
}

export async function exportStore(input: ExportStoreInput): Promise<TableCounts> {
  if (input.from.scheme === 'sqlite' && !existsSync(input.from.path)) {
    throw new InputError('CA_NOT_FOUND', `no CA store at ${input.from.path}: the file does not exist. Pass the right --ca, --store or --from.`);
  }
  if (describeStoreLocation(input.from) === describeStoreLocation(input.to)) {
    throw new InputError('CA_STORE_SAME', `cannot export the CA store ${describeStoreLocation(input.from)} into itself. Choose another destination.`);
  }
  const source = await openStoreDump(input.from, false);
  // A new SQLite file made here goes again when the export fails: no half-made store is left behind.
  const newFile = input.to.scheme === 'sqlite' && !existsSync(input.to.path) ? input.to.path : undefined;
  try {
    return await copyInto(source, input.to);
  } catch (error) {
    if (newFile !== undefined) for (const suffix of ['', '-wal', '-shm']) rmSync(`${newFile}${suffix}`, { force: true });
    throw error;
  } finally {
    await source.close();
  }
}

async function copyInto(source: StoreDump, to: StoreLocation): Promise<TableCounts> {
  const destination = await openStoreDump(to, true);
  try {
    const counts = await source.counts();
    await destination.load((table) => source.rows(table));
    const copied = await destination.counts();
    const wrong = Object.keys(counts).filter((table) => counts[table] !== copied[table]);
    if (wrong.length > 0) {
      throw new InternalError('CA_EXPORT_INCOMPLETE', `the export into ${describeStoreLocation(to)} holds other row counts than the source in ${wrong.join(', ')}: ${wrong.map((t) => `${copied[t]} of ${counts[t]}`).join(', ')}`);
    }
    return counts;
  } finally {
    await destination.close();
  }
}
