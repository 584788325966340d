// PostgreSQL and connection failures in words for a user's line, and which of them are worth
// retrying. Raw driver text never reaches a user: it may echo connection parameters.
import { InputError, ServiceError, type IamraError } from '../../../errors.js';

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/** admin_shutdown, crash_shutdown, cannot_connect_now (starting or stopping), connection failures. */
const SERVER_GONE_CODES = new Set(['57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004']);
const TLS_CODES = /^(ERR_TLS_|ERR_SSL_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|UNABLE_TO_VERIFY_LEAF_SIGNATURE$|UNABLE_TO_GET_ISSUER_CERT|CERT_)/;

export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The connection went away (or never came): the transaction did not commit, unless it was at COMMIT. */
export function isConnectionLost(error: unknown): boolean {
  const code = errorCode(error);
  if (code !== undefined && (CONNECTION_CODES.has(code) || SERVER_GONE_CODES.has(code))) return true;
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|connection timeout|Client has encountered a connection error|terminating connection/i.test(message);
}

/** serialization_failure and deadlock_detected: the transaction was rolled back and may run again. */
export function isSerializationFailure(error: unknown): boolean {
  const code = errorCode(error);
  return code === '40001' || code === '40P01';
}

export function isUniqueViolation(error: unknown): boolean {
  return errorCode(error) === '23505';
}

function isTlsFailure(error: unknown): boolean {
  const code = errorCode(error) ?? '';
  const message = error instanceof Error ? error.message : '';
  return TLS_CODES.test(code) || /does not support SSL|SSL connection|certificate|self[- ]signed/i.test(message);
}

/** One clear error for a failure reaching or using the database at `where` (a redacted URL). */
export function describePostgresError(error: unknown, where: string): IamraError {
  const code = errorCode(error);
  if (code === '28P01' || code === '28000') {
    return new InputError('CA_DATABASE_AUTH', `cannot open the CA store ${where}: the server refused the user or password. Check the URL's user and the password (URL, PGPASSWORD or ~/.pgpass).`, { cause: error });
  }
  if (code === '3D000') return new InputError('CA_DATABASE_MISSING', `cannot open the CA store ${where}: the database does not exist. Create it (createdb) or fix the URL.`, { cause: error });
  if (code === 'ENOENT') return new InputError('CA_DATABASE_TLS', `cannot open the CA store ${where}: a TLS file the URL names (sslrootcert, sslcert or sslkey) does not exist. Fix the URL.`, { cause: error });
  if (isTlsFailure(error)) {
    return new InputError('CA_DATABASE_TLS', `cannot open the CA store ${where}: the TLS connection failed (${code ?? 'the server or its certificate was refused'}). Check sslmode, sslrootcert and the server's certificate name.`, { cause: error });
  }
  if (code === 'ENOTFOUND') return new ServiceError('CA_DATABASE_UNREACHABLE', `cannot open the CA store ${where}: the host name does not resolve. Fix the URL's host.`, { cause: error });
  if (isConnectionLost(error)) {
    return new ServiceError('CA_DATABASE_UNREACHABLE', `cannot reach the CA store ${where}: ${code ?? 'the connection was lost'}. Check that PostgreSQL runs and accepts connections there, then retry.`, { cause: error });
  }
  if (code === '42501') return new InputError('CA_DATABASE_DENIED', `cannot use the CA store ${where}: permission denied to the database user. Grant it the CA's tables (docs/ca.md, "PostgreSQL").`, { cause: error });
  return new ServiceError('CA_DATABASE_FAILED', `the CA store ${where} failed an operation (SQLSTATE ${code ?? 'none'}). Retry; if it persists, check the server's log.`, { cause: error });
}
