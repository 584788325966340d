// Where the database password comes from when the URL holds none: PGPASSWORD, then ~/.pgpass
// (or $PGPASSFILE) through the `pgpass` package, the lookup libpq does. pg 8 consults PGPASSWORD
// only when no password function is given, and its own ~/.pgpass support is deprecated.
import { createRequire } from 'node:module';

interface PasswordContext {
  host?: string;
  port?: number;
  database?: string;
  user?: string;
}

type PgPass = (connInfo: PasswordContext, cb: (password: string | undefined) => void) => void;

/** The password for one connection, or undefined (the server then refuses with 28P01 or 28000). */
export async function lookupPassword(context: PasswordContext): Promise<string | undefined> {
  const fromEnvironment = process.env.PGPASSWORD;
  if (fromEnvironment !== undefined && fromEnvironment !== '') return fromEnvironment;
  // pgpass is CommonJS without types; the CLI bundle keeps it external, loaded beside pg.
  const pgpass = createRequire(import.meta.url)('pgpass') as PgPass;
  return new Promise((resolve) => pgpass({ ...context, port: context.port ?? 5432 }, resolve));
}
