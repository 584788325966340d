// Runs test/support/ml_dsa_check.py, the independent ML-DSA implementation (Python cryptography).
// A Python without ML-DSA fails the calling test loudly: it never skips (issue 14).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const SCRIPT = join(import.meta.dirname, 'ml_dsa_check.py');

export interface PythonResult {
  status: number;
  stdout: string;
  stderr: string;
}

export function runPythonCheck(args: string[]): PythonResult {
  const result = spawnSync('python3', [SCRIPT, ...args], { encoding: 'utf8', timeout: 60_000 });
  if (result.error) throw result.error;
  if (result.status === 2) throw new Error(`Python's cryptography has no ML-DSA (needed by issue 14's cross-checks): ${result.stderr.trim()}`);
  return { status: result.status ?? -1, stdout: result.stdout.trim(), stderr: result.stderr.trim() };
}

/** Asserts the check printed "ok"; throws with Python's words otherwise. */
export function expectPythonOk(args: string[]): void {
  const result = runPythonCheck(args);
  if (result.status !== 0 || result.stdout !== 'ok') throw new Error(`python ${args.join(' ')}: status ${result.status}: ${result.stderr || result.stdout}`);
}
