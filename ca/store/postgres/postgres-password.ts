// Where the database password comes from when the URL holds none: PGPASSWORD, then ~/.pgpass
// (or $PGPASSFILE) through the `pgpass` package, the lookup libpq does. pg 8 consults PGPASSWORD
// only when no password function is given, and its own ~/.pgpass support is deprecated.
import { createRequire } from 'node:module';
import { InputError } from '../../../errors.js';

interface PasswordContext {
  host?: string;
  port?: number;
  database?: string;
  user?: string;
}

type PgPass = (connInfo: PasswordContext, cb: (password: string | undefined) => void) => void;

/** The password for one connection; pg asks only when the server wants one, so none is an error. */
export async function lookupPassword(context: PasswordContext): Promise<string> {
  const fromEnvironment = process.env.PGPASSWORD;
  if (fromEnvironment !== undefined && fromEnvironment !== '') return fromEnvironment;
  // pgpass is CommonJS without types; the CLI bundle keeps it external, loaded beside pg.
  const pgpass = createRequire(import.meta.url)('pgpass') as PgPass;
  const found = await new Promise<string | undefined>((resolve) => pgpass({ ...context, port: context.port ?? 5432 }, resolve));
  if (found !== undefined) return found;
  throw new InputError('CA_DATABASE_AUTH', `cannot open the CA store for user ${context.user ?? '(none)'} on ${context.host ?? 'localhost'}: the server wants a password and none was given. Set PGPASSWORD or add a ~/.pgpass line (docs/ca.md, "PostgreSQL").`);
}
