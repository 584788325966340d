// Test helpers for the CA suites: temp directories, a CA made through the built CLI, OpenSSL CSRs,
// and a database dump for "nothing changed" checks.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliResult } from './run-cli.js';

export const PASSPHRASE = 'correct horse battery staple';
export const CA_ENV = { IAMRA_CA_PASSPHRASE: PASSPHRASE, IAMRA_CA_DIR: undefined };

export function tempDir(prefix = 'iamra-ca-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Runs iamra in `cwd` with the CA passphrase set. */
export function iamra(cwd: string, args: string[], env: Record<string, string | undefined> = {}): CliResult {
  return runCli(args, { cwd, env: { ...CA_ENV, ...env } });
}

export function openssl(args: string[], cwd: string, input?: string): CliResult {
  const result = spawnSync('openssl', args, { cwd, encoding: 'utf8', input: input ?? '' });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Creates a CA in `<dir>/ca` through the CLI; throws with its stderr if that fails. */
export function createCa(dir: string, keyType = 'ec-p256', extra: string[] = []): string {
  const result = iamra(dir, ['ca', 'init', '--ca', 'ca', '--subject', 'CN=Test CA,O=Example', '--key-type', keyType, ...extra]);
  if (result.status !== 0) throw new Error(`ca init failed: ${result.stderr}`);
  return join(dir, 'ca');
}

const OPENSSL_KEY_ARGS: Readonly<Record<string, string[]>> = {
  'ec-p256': ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'],
  'ec-p384': ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-384'],
  'rsa-1024': ['-newkey', 'rsa:1024'],
  'rsa-2048': ['-newkey', 'rsa:2048'],
  'rsa-3072': ['-newkey', 'rsa:3072'],
  'rsa-4096': ['-newkey', 'rsa:4096'],
  ed25519: ['-newkey', 'ed25519'],
};

/** `<name>.key` and `<name>.csr` made by `openssl req`; returns the CSR path. */
export function opensslCsr(dir: string, name: string, options: { keyType?: string; subject?: string; san?: string } = {}): string {
  const args = ['req', '-new', '-nodes', ...OPENSSL_KEY_ARGS[options.keyType ?? 'ec-p256']!, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', options.subject ?? `/CN=${name}/O=Example`];
  if (options.san) args.push('-addext', `subjectAltName=${options.san}`);
  const result = openssl(args, dir);
  if (result.status !== 0) throw new Error(`openssl req failed: ${result.stderr}`);
  return join(dir, `${name}.csr`);
}

/** Full SQL dump of the CA database (sqlite3 .dump), to prove a failed command changed nothing. */
export function dumpDatabase(caDir: string): string {
  const result = spawnSync('sqlite3', [join(caDir, 'ca.db'), '.dump'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`sqlite3 .dump failed: ${result.stderr}`);
  return result.stdout;
}

export function sqlite(caDir: string, sql: string): string {
  const result = spawnSync('sqlite3', [join(caDir, 'ca.db'), sql], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`sqlite3 failed: ${result.stderr}`);
  return result.stdout.trim();
}

export function writeText(dir: string, name: string, text: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** Asserts the shape of a user error: one stderr line starting "iamra: ", no stack, given exit code. */
export function expectUserError(result: CliResult, exitCode: number): string {
  const lines = result.stderr.trimEnd().split('\n');
  if (result.status !== exitCode || lines.length !== 1 || !lines[0]!.startsWith('iamra: ') || /\n\s+at /.test(result.stderr)) {
    throw new Error(`expected one "iamra:" line and exit ${exitCode}, got exit ${result.status}:\n${result.stderr}`);
  }
  return lines[0]!;
}
