// Issue 9: every command that writes a private key, killed with SIGKILL on entry to each of its
// file steps (strace -e inject), leaves no key material outside its final paths, and a final key
// that exists is complete; in an untouched run the key file and its directory are fsynced before
// success is printed. `ca passphrase` replaces ca.key by rename, so a kill between its temporary
// file and the rename can leave that temporary (encrypted under the new passphrase, never plain):
// ca.key still opens with one of the two passphrases, and the next replacement removes it.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CA_ENV, iamra, PASSPHRASE, tempDir, writeText } from '../support/ca-fixture.js';
import {
  filesWithKeyMaterial, hasStrace, indexOfCall, killPointsAround, openedFd, runKilledAt, stablePaths, traceRun, type TracedCall,
} from '../support/kill-points.js';
import { decryptPkcs8 } from '../../keys/decrypt-pkcs8.js';
import { decodePemBlocks } from '../../x509/pem.js';

const NEW_PASSPHRASE = 'a brand new passphrase';
let base: string;

interface KeyWriter {
  title: string;
  /** Prepares a fresh run directory (a copy of the template CA, an `out/` directory). */
  setup: (dir: string) => void;
  args: string[];
  env?: Record<string, string | undefined>;
  /** Kill points start at the first file step whose text holds this. */
  watched: string;
  /** Files allowed to hold key material (the CA's own key and the command's key outputs). */
  finals: string[];
  /** The key outputs, as strace shows the path opened for writing, with their directory. */
  outputs: Array<{ file: string; dir: string }>;
}

function withCa(dir: string, template = 'template'): void {
  cpSync(join(base, template), join(dir, 'c'), { recursive: true });
  mkdirSync(join(dir, 'out'));
}

const WRITERS: KeyWriter[] = [
  {
    title: 'ca init (ca.key)',
    setup: () => undefined,
    args: ['ca', 'init', '--ca', 'c', '--subject', 'CN=Kill CA,O=Example'],
    watched: '/c/ca.key',
    finals: ['c/ca.key'],
    outputs: [{ file: '/c/ca.key"', dir: '/c"' }],
  },
  {
    title: 'issue --generate-key --key-out',
    setup: withCa,
    args: ['issue', '--ca', 'c', '--generate-key', '--subject', 'CN=kill-me', '--key-out', 'out/k.pem', '--cert-out', 'out/c.pem'],
    watched: 'out/',
    finals: ['c/ca.key', 'out/k.pem'],
    outputs: [{ file: '"out/k.pem"', dir: '"out"' }],
  },
  {
    title: 'issue --generate-key --p12',
    setup: (dir) => {
      withCa(dir);
      writeText(dir, 'p12.txt', 'bundle password\n');
    },
    args: ['issue', '--ca', 'c', '--generate-key', '--subject', 'CN=kill-p12', '--p12', 'out/b.p12', '--p12-password-file', 'p12.txt', '--cert-out', 'out/c.pem'],
    watched: 'out/',
    finals: ['c/ca.key', 'out/b.p12'],
    outputs: [{ file: '"out/b.p12"', dir: '"out"' }],
  },
  {
    // The renewed CA holds one issued certificate, old.pem; its key was never kept.
    title: 'renew --key-out',
    setup: (dir) => withCa(dir, 'template-renew'),
    args: ['renew', '--ca', 'c', 'c/old.pem', '--key-out', 'out/k.pem', '--cert-out', 'out/c.pem'],
    watched: 'out/',
    finals: ['c/ca.key', 'out/k.pem'],
    outputs: [{ file: '"out/k.pem"', dir: '"out"' }],
  },
];

beforeAll(() => {
  base = tempDir('iamra-kill-');
  if (!hasStrace()) return;
  const made = iamra(base, ['ca', 'init', '--ca', 'template', '--subject', 'CN=Kill Template CA,O=Example']);
  expect(made.status).toBe(0);
  cpSync(join(base, 'template'), join(base, 'template-renew'), { recursive: true });
  // The old key stays outside the CA directory, which every renew run copies and scans.
  const issued = iamra(base, ['issue', '--ca', 'template-renew', '--generate-key', '--subject', 'CN=renew-me', '--cert-out', 'template-renew/old.pem', '--key-out', 'old.key']);
  expect([issued.status, issued.stderr]).toEqual([0, '']);
});

/**
 * Two untouched traced runs, each in a fresh directory.
 * The paths both runs name are the ones a kill point can be counted over.
 */
function twoUntouchedRuns(title: string, setup: (dir: string) => void, args: string[], env: Record<string, string | undefined>): [ReturnType<typeof traceRun>, ReturnType<typeof traceRun>] {
  const runs = [1, 2].map((n) => {
    const dir = join(base, `${title.replace(/\W+/g, '-')}-traced-${n}`);
    mkdirSync(dir);
    setup(dir);
    const run = traceRun(args, { cwd: dir, env }, join(base, 'trace.log'));
    expect(run.status).toBe(0);
    return run;
  });
  return [runs[0]!, runs[1]!];
}

/** Asserts that the output file and then its directory were fsynced, before success was printed. */
function expectDurableBeforeSuccess(calls: TracedCall[], output: { file: string; dir: string }): void {
  const created = indexOfCall(calls, 0, (c) => c.name === 'openat' && c.text.includes(output.file) && c.text.includes('O_CREAT'));
  const fileFsync = indexOfCall(calls, created, (c) => c.name === 'fsync' && c.text.startsWith(`${openedFd(calls[created]!)})`));
  const dirOpen = indexOfCall(calls, fileFsync, (c) => c.name === 'openat' && c.text.includes(`${output.dir}, O_RDONLY`));
  const dirFsync = indexOfCall(calls, dirOpen, (c) => c.name === 'fsync' && c.text.startsWith(`${openedFd(calls[dirOpen]!)})`));
  const success = indexOfCall(calls, 0, (c) => c.name === 'write' && c.text.startsWith('1, '));
  expect({ created, fileFsync, dirOpen, dirFsync }).toEqual({ created: expect.any(Number), fileFsync: expect.any(Number), dirOpen: expect.any(Number), dirFsync: expect.any(Number) });
  expect([created, fileFsync, dirOpen, dirFsync].every((i) => i >= 0)).toBe(true);
  expect(created < fileFsync && fileFsync < dirOpen && dirOpen < dirFsync && dirFsync < success).toBe(true);
}

// strace is installed on the CI image; without it there is nothing to kill with.
describe.skipIf(!hasStrace())('issue 9: killing key writers at every file step', () => {
  it.each(WRITERS)('$title', (writer) => {
    const [untouched, again] = twoUntouchedRuns(writer.title, writer.setup, writer.args, CA_ENV);
    for (const output of writer.outputs) expectDurableBeforeSuccess(untouched.calls, output);
    const points = killPointsAround(untouched.calls, writer.watched, stablePaths(untouched.calls, again.calls));
    // The key's own steps are counted over its path, which makes them the same call in every run.
    expect(points.filter((p) => p.text.includes(writer.watched)).every((p) => p.path !== undefined)).toBe(true);
    expect(points.length).toBeGreaterThan(3);
    points.forEach((point, index) => {
      const dir = join(base, `${writer.title.replace(/\W+/g, '-')}-${index}`);
      const prepare = () => {
        rmSync(dir, { recursive: true, force: true });
        mkdirSync(dir);
        writer.setup(dir);
      };
      const run = runKilledAt(writer.args, point, { cwd: dir, env: CA_ENV }, join(base, 'kill.log'), prepare);
      const keyFiles = filesWithKeyMaterial(dir);
      expect({ point: point.text, isKilled: run.isKilled, stray: keyFiles.filter((f) => !writer.finals.includes(f)) }).toEqual({ point: point.text, isKilled: true, stray: [] });
      // A key output that exists is whole: the kill comes on entry to a step, after the write.
      for (const final of writer.finals.filter((f) => f.endsWith('.pem') && existsSync(join(dir, f)))) {
        expect(readFileSync(join(dir, final), 'utf8')).toMatch(/-----END PRIVATE KEY-----\n$/);
      }
    });
  }, 300_000);

  it('ca passphrase: ca.key opens with the old or the new passphrase after every kill, and no plaintext key is left', () => {
    const args = ['ca', 'passphrase', '--ca', 'c'];
    const env = { ...CA_ENV, IAMRA_CA_NEW_PASSPHRASE: NEW_PASSPHRASE };
    const [untouched, again] = twoUntouchedRuns('passphrase', (dir) => withCa(dir), args, env);
    const renamed = indexOfCall(untouched.calls, 0, (c) => c.name === 'rename' && c.text.includes('ca.key'));
    const dirFsync = indexOfCall(untouched.calls, renamed, (c) => c.name === 'fsync');
    const success = indexOfCall(untouched.calls, 0, (c) => c.name === 'write' && c.text.startsWith('1, '));
    expect(renamed >= 0 && renamed < dirFsync && dirFsync < success).toBe(true);
    killPointsAround(untouched.calls, '.ca.key.', stablePaths(untouched.calls, again.calls)).forEach((point, index) => {
      const dir = join(base, `passphrase-${index}`);
      const prepare = () => {
        rmSync(dir, { recursive: true, force: true });
        mkdirSync(dir);
        withCa(dir);
      };
      expect({ point: point.text, isKilled: runKilledAt(args, point, { cwd: dir, env }, join(base, 'kill.log'), prepare).isKilled }).toEqual({ point: point.text, isKilled: true });
      const key = decodePemBlocks(readFileSync(join(dir, 'c', 'ca.key'), 'latin1'))[0]!;
      const opensWith = [PASSPHRASE, NEW_PASSPHRASE].filter((p) => decryptPkcs8(key.der, p) !== undefined);
      expect({ point: point.text, count: opensWith.length }).toEqual({ point: point.text, count: 1 });
      const strays = filesWithKeyMaterial(dir).filter((f) => f !== 'c/ca.key');
      for (const stray of strays) {
        expect(stray).toMatch(/^c\/\.ca\.key\.\d+\.[0-9a-f]{12}\.tmp$/);
        expect(readFileSync(join(dir, stray), 'latin1')).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/);
      }
      if (strays.length === 0) return;
      // The next replacement removes what the killed process left.
      const again = iamra(dir, args, { IAMRA_CA_PASSPHRASE: opensWith[0], IAMRA_CA_NEW_PASSPHRASE: 'third passphrase' });
      expect(again.status).toBe(0);
      expect(readdirSync(join(dir, 'c')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    });
  }, 300_000);
});
