// StoreDump on SQLite: rows read with a statement iterator, a snapshot is one read transaction
// (WAL keeps its view while others commit); loading is one BEGIN IMMEDIATE transaction, committed
// only after every table is in and counted. Damage met on the way is CA_DATABASE_DAMAGED.
import { InputError } from '../../../errors.js';
import { countsDiffer, DUMP_TABLES, isEmpty, type DumpRow, type DumpSnapshot, type DumpTable, type StoreDump, type TableCounts } from '../store-dump.js';
import { openDatabase } from './open-database.js';
import { reportDamage } from './report-damage.js';

export function openSqliteStoreDump(path: string, create: boolean): StoreDump {
  const db = openDatabase(path, { create });
  const counts = async (): Promise<TableCounts> =>
    Object.fromEntries(DUMP_TABLES.map((t) => [t.name, db.prepare(`SELECT count(*) FROM ${t.name}`).pluck().get() as number]));
  const reads: DumpSnapshot = {
    async *rows(table: DumpTable): AsyncIterable<DumpRow> {
      // rowid breaks ties the way listCertificates does, so the copy keeps the listing order.
      const order = table.name === 'certificates' ? 'issued_at, rowid' : table.orderBy;
      for (const row of db.prepare(`SELECT ${table.columns.join(', ')} FROM ${table.name} ORDER BY ${order}`).iterate()) yield row as DumpRow;
    },
    counts,
  };
  return reportDamage({
    ...reads,
    async snapshot(fn) {
      // A deferred BEGIN takes its snapshot at the first read, which fn's first count or row is.
      db.exec('BEGIN');
      try {
        return await fn(reads);
      } finally {
        db.exec('COMMIT');
      }
    },
    async load(source, expected) {
      if (!isEmpty(await counts())) throw new InputError('CA_STORE_NOT_EMPTY', `cannot copy into ${path}: it already holds CA records. Choose a new file or an empty database.`);
      db.exec('BEGIN IMMEDIATE');
      try {
        for (const table of DUMP_TABLES) {
          const insert = db.prepare(`INSERT INTO ${table.name} (${table.columns.join(', ')}) VALUES (${table.columns.map(() => '?').join(', ')})`);
          for await (const row of source(table)) insert.run(...table.columns.map((c) => row[c] ?? null));
        }
        const wrong = countsDiffer(path, expected, await counts());
        if (wrong) throw wrong;
        db.exec('COMMIT');
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      }
    },
    close: async () => {
      db.close();
    },
  }, path);
}
