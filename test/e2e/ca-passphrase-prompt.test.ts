// The CA passphrase prompt on a real terminal (a pty from util-linux `script`): asked twice, never echoed.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IAMRA_BIN } from '../support/run-cli.js';
import { iamra, tempDir } from '../support/ca-fixture.js';

const SECRET = 'typed-at-the-terminal';

/** Runs `command` on a pty; answers each prompt (a regexp on the output so far) once it appears. */
function onTerminal(command: string, cwd: string, answers: Array<[RegExp, string]>): Promise<{ output: string; status: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], { cwd, env: { ...process.env, IAMRA_CA_PASSPHRASE: '' } });
    let output = '';
    let next = 0;
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      while (next < answers.length && answers[next]![0].test(output)) child.stdin.write(`${answers[next++]![1]}\n`);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ output, status: code ?? -1 });
    });
  });
}

describe.skipIf(spawnSync('script', ['--version']).status !== 0)('passphrase prompt', () => {
  it('asks twice without echo, and the key is encrypted with the typed passphrase', async () => {
    const dir = tempDir();
    const result = await onTerminal(`${process.execPath} ${IAMRA_BIN} ca init --ca ca --subject CN=Prompted`, dir, [
      [/Passphrase for the new CA key: /, SECRET],
      [/Repeat the passphrase for the new CA key: /, SECRET],
    ]);
    expect(result.output).toContain('created root CA');
    expect(result.output).not.toContain(SECRET);
    expect(result.status).toBe(0);
    expect(readFileSync(join(dir, 'ca', 'ca.key'), 'utf8')).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
    expect(iamra(dir, ['crl', 'generate', '--ca', 'ca'], { IAMRA_CA_PASSPHRASE: SECRET }).status).toBe(0);
    expect(iamra(dir, ['crl', 'generate', '--ca', 'ca'], { IAMRA_CA_PASSPHRASE: 'other' }).status).toBe(3);
  });

  it('refuses two different entries and creates nothing', async () => {
    const dir = tempDir();
    const result = await onTerminal(`${process.execPath} ${IAMRA_BIN} ca init --ca ca --subject CN=Prompted`, dir, [
      [/Passphrase for the new CA key: /, SECRET],
      [/Repeat the passphrase for the new CA key: /, 'something else'],
    ]);
    expect(result.output).toContain('iamra: no passphrase for the new CA key: the two entries differ. Try again.');
    expect(result.status).toBe(3);
    expect(spawnSync('ls', [dir], { encoding: 'utf8' }).stdout).toBe('');
  });
});
