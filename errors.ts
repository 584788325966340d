// Error classes shared by every layer: each carries a stable code and the process exit code.

/** Base of every error iamra raises on purpose. `code` is stable; branch on it, never on text. */
export class IamraError extends Error {
  readonly code: string;
  readonly exitCode: number;
  constructor(code: string, message: string, exitCode: number, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.exitCode = exitCode;
    this.name = new.target.name;
  }
}

/** Exit 1: policy, revocation, expiry, or a remote service said no. */
export class RefusedError extends IamraError {
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(code, message, 1, options);
  }
}

/** Exit 2: bad flags or arguments. */
export class UsageError extends IamraError {
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(code, message, 2, options);
  }
}

/** Exit 3: bad file, wrong passphrase, key/certificate mismatch, malformed data. */
export class InputError extends IamraError {
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(code, message, 3, options);
  }
}

/** Exit 4: a network or remote-service failure that may succeed on retry. */
export class ServiceError extends IamraError {
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(code, message, 4, options);
  }
}

/** Exit 70: a bug in iamra. */
export class InternalError extends IamraError {
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(code, message, 70, options);
  }
}

/**
 * Why a file could not be read or written, in words for a user message: never the raw errno text.
 * Falls back to the errno code (or "unreadable") for the rare ones with no wording here.
 */
export function describeFileError(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  switch (code) {
    case 'ENOENT': return 'no such file';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'it is a directory';
    case 'ENOTDIR': return 'a part of the path is not a directory';
    case 'ELOOP': return 'too many symbolic links';
    case 'ENAMETOOLONG': return 'the path is too long';
    case 'ENXIO': return 'nothing is attached to it (a socket or a missing device)';
    case 'EMFILE': case 'ENFILE': return 'too many open files';
    case 'ENOSPC': return 'no space left on the device';
    case 'EDQUOT': return 'the disk quota is exhausted';
    case 'EROFS': return 'the file system is read-only';
    case 'EIO': return 'an I/O error on the device';
    case 'EEXIST': return 'the file already exists';
    case 'EBUSY': case 'ETXTBSY': return 'the file is busy';
    default: return typeof code === 'string' ? 'the system refused it' : 'unreadable';
  }
}

/**
 * What the process prints for an error that reached the top, and its exit code: one
 * `iamra: …` line for an IamraError, "internal error" (exit 70) for anything else. Stacks only
 * with --debug. Shared by the full CLI and the lean helper so both report alike.
 */
export function errorReport(error: unknown, isDebug: boolean): { lines: string[]; exitCode: number } {
  if (error instanceof IamraError) {
    const lines = [`iamra: ${error.message}`];
    if (isDebug && error.cause instanceof Error) lines.push(error.cause.stack ?? error.cause.message);
    return { lines, exitCode: error.exitCode };
  }
  const message = error instanceof Error ? error.message : String(error);
  const lines = [`iamra: internal error: ${message}${isDebug ? '' : ' (run with --debug for details)'}`];
  if (isDebug && error instanceof Error && error.stack) lines.push(error.stack);
  return { lines, exitCode: 70 };
}
