// Use-case `ca export-store`: copies every record of a CA store, read from one consistent snapshot,
// into an empty one (SQLite to PostgreSQL or back), committing only when each table holds as many
// rows as the source's. `ca backup` and `ca restore` copy stores through it too.
import { existsSync, rmSync } from 'node:fs';
import { InputError } from '../errors.js';
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
    // A lost PostgreSQL connection while the read-only snapshot ends runs it again: a load that
    // already committed is not repeated (it would find its own rows and refuse).
    let copied: TableCounts | undefined;
    return await source.snapshot(async (snapshot) => {
      if (copied) return copied;
      const counts = await snapshot.counts();
      await destination.load((table) => snapshot.rows(table), counts);
      copied = counts;
      return counts;
    });
  } finally {
    await destination.close();
  }
}
