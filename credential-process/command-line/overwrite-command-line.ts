// Hides secrets given on the command line of a long-running serve or update from other users:
// /proc/PID/cmdline (what `ps` shows, readable by everyone) is the process's original argv
// memory, from arg_start to arg_end in /proc/self/stat. Setting process.title rewrites that area
// in Node (and renames the thread, /proc/PID/comm) but not in a Bun-compiled executable, so the
// redacted arguments are written over it through /proc/self/mem, which works in both (Linux only).
import { closeSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';
import { redactArguments } from './redact-arguments.js';

export type OverwriteResult = 'none' | 'hidden' | 'unsupported';

/** Fields 48 and 49 of /proc/self/stat (proc(5)), counted after the parenthesised command name. */
function argumentArea(stat: string): { start: number; end: number } | undefined {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const start = Number(fields[45]);
  const end = Number(fields[46]);
  return Number.isSafeInteger(start) && Number.isSafeInteger(end) && start > 0 && end > start ? { start, end } : undefined;
}

/**
 * Replaces every secret argument of this process's command line in place.
 * 'none': nothing secret was given; 'hidden': done; 'unsupported': not Linux, or the area could not be rewritten.
 */
export function overwriteCommandLine(): OverwriteResult {
  let original: Buffer;
  try {
    original = readFileSync('/proc/self/cmdline');
  } catch {
    return redactArguments(process.argv) === undefined ? 'none' : 'unsupported';
  }
  const args = original.toString('utf8').split('\0');
  // The area ends with the last argument's terminating NUL.
  if (args.at(-1) === '') args.pop();
  const redacted = redactArguments(args);
  if (redacted === undefined) return 'none';
  try {
    return rewrite(original, Buffer.from(`${redacted.join('\0')}\0`, 'utf8')) ? 'hidden' : 'unsupported';
  } catch {
    return 'unsupported';
  }
}

function rewrite(original: Buffer, replacement: Buffer): boolean {
  const area = argumentArea(readFileSync('/proc/self/stat', 'latin1'));
  if (!area || area.end - area.start !== original.length || replacement.length > original.length) return false;
  const fd = openSync('/proc/self/mem', 'r+');
  try {
    // Write only over memory that still holds exactly the command line read above.
    const current = Buffer.alloc(original.length);
    if (readSync(fd, current, 0, current.length, area.start) !== current.length || !current.equals(original)) return false;
    const padded = Buffer.alloc(original.length);
    replacement.copy(padded);
    return writeSync(fd, padded, 0, padded.length, area.start) === padded.length;
  } finally {
    closeSync(fd);
  }
}
