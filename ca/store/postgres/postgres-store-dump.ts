// StoreDump on PostgreSQL: rows read in pages in stored order; loading is one transaction that
// copies audit and history ids and moves their sequences past them.
import { InputError } from '../../../errors.js';
import { DUMP_TABLES, INSTANT_COLUMNS, isEmpty, type DumpRow, type DumpTable, type StoreDump, type TableCounts } from '../store-dump.js';
import { openPostgresDatabase } from './open-postgres-stores.js';
import { checkPostgresSchema, migratePostgres } from './postgres-schema.js';

const PAGE = 2000;

function neutral(row: Record<string, unknown>): DumpRow {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : (v as DumpRow[string])]));
}

export async function openPostgresStoreDump(url: string, create: boolean): Promise<StoreDump> {
  const db = openPostgresDatabase(url);
  try {
    if (create) await migratePostgres(db);
    else await checkPostgresSchema(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  const counts = async (): Promise<TableCounts> => {
    const entries = await Promise.all(DUMP_TABLES.map(async (t) => [t.name, (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t.name}`))[0]?.n ?? 0] as const));
    return Object.fromEntries(entries);
  };
  return {
    async *rows(table: DumpTable): AsyncIterable<DumpRow> {
      const order = table.name === 'certificates' ? 'issued_at, id' : table.orderBy;
      for (let offset = 0; ; offset += PAGE) {
        const page = await db.query(`SELECT ${table.columns.join(', ')} FROM ${table.name} ORDER BY ${order} LIMIT ${PAGE} OFFSET ${offset}`);
        for (const row of page) yield neutral(row);
        if (page.length < PAGE) return;
      }
    },
    counts,
    async load(source) {
      if (!isEmpty(await counts())) throw new InputError('CA_STORE_NOT_EMPTY', `cannot export into the CA store ${db.where}: it already holds CA records. Choose an empty database.`);
      await db.transaction('READ COMMITTED', async (tx) => {
        for (const table of DUMP_TABLES) {
          const sql = `INSERT INTO ${table.name} (${table.columns.join(', ')}) VALUES (${table.columns.map((c, i) => `$${i + 1}${INSTANT_COLUMNS.has(c) ? '::timestamptz' : ''}`).join(', ')})`;
          for await (const row of source(table)) await tx.query(sql, table.columns.map((c) => row[c] ?? null));
        }
        for (const name of ['audit_log', 'publish_history']) {
          await tx.query(`SELECT setval(pg_get_serial_sequence('${name}', 'id'), GREATEST((SELECT MAX(id) FROM ${name}), 1), (SELECT MAX(id) FROM ${name}) IS NOT NULL)`);
        }
      });
    },
    close: () => db.close(),
  };
}
