// StoreDump on PostgreSQL: rows read in pages in stored order, a snapshot is one REPEATABLE READ
// READ ONLY transaction; loading is one transaction that creates or migrates the schema, copies
// audit and history ids, moves their sequences past them and counts every table before COMMIT.
import { InputError } from '../../../errors.js';
import { countsDiffer, DUMP_TABLES, INSTANT_COLUMNS, isEmpty, type DumpRow, type DumpSnapshot, type DumpTable, type StoreDump, type TableCounts } from '../store-dump.js';
import { openPostgresDatabase } from './open-postgres-stores.js';
import type { Queryable } from './postgres-database.js';
import { checkPostgresSchema, migrateSchema } from './postgres-schema.js';

const PAGE = 2000;

function neutral(row: Record<string, unknown>): DumpRow {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : (v as DumpRow[string])]));
}

/** Reads through `q`: one transaction's view when `q` is a transaction, else each page its own. */
function readsThrough(q: Queryable): DumpSnapshot {
  return {
    async *rows(table: DumpTable): AsyncIterable<DumpRow> {
      const order = table.name === 'certificates' ? 'issued_at, id' : table.orderBy;
      for (let offset = 0; ; offset += PAGE) {
        const page = await q.query(`SELECT ${table.columns.join(', ')} FROM ${table.name} ORDER BY ${order} LIMIT ${PAGE} OFFSET ${offset}`);
        for (const row of page) yield neutral(row);
        if (page.length < PAGE) return;
      }
    },
    async counts(): Promise<TableCounts> {
      const entries: Array<[string, number]> = [];
      for (const t of DUMP_TABLES) entries.push([t.name, (await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t.name}`))[0]?.n ?? 0]);
      return Object.fromEntries(entries);
    },
  };
}

/** `create`: the destination of a copy; its schema is made (or migrated) by load, in load's transaction. */
export async function openPostgresStoreDump(url: string, create: boolean): Promise<StoreDump> {
  const db = openPostgresDatabase(url);
  try {
    if (!create) await checkPostgresSchema(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return {
    ...readsThrough(db),
    snapshot: (fn) => db.transaction('REPEATABLE READ', (tx) => fn(readsThrough(tx)), true),
    async load(source, expected) {
      await db.transaction('READ COMMITTED', async (tx) => {
        await migrateSchema(tx, db.where);
        const reads = readsThrough(tx);
        if (!isEmpty(await reads.counts())) throw new InputError('CA_STORE_NOT_EMPTY', `cannot copy into the CA store ${db.where}: it already holds CA records. Choose an empty database.`);
        for (const table of DUMP_TABLES) {
          const sql = `INSERT INTO ${table.name} (${table.columns.join(', ')}) VALUES (${table.columns.map((c, i) => `$${i + 1}${INSTANT_COLUMNS.has(c) ? '::timestamptz' : ''}`).join(', ')})`;
          for await (const row of source(table)) await tx.query(sql, table.columns.map((c) => row[c] ?? null));
        }
        for (const name of ['audit_log', 'publish_history']) {
          await tx.query(`SELECT setval(pg_get_serial_sequence('${name}', 'id'), GREATEST((SELECT MAX(id) FROM ${name}), 1), (SELECT MAX(id) FROM ${name}) IS NOT NULL)`);
        }
        const wrong = countsDiffer(db.where, expected, await reads.counts());
        if (wrong) throw wrong;
      });
    },
    close: () => db.close(),
  };
}
