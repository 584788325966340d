// The workload key's password through the built helper (issue 9, Secrets): --pkcs8-password-file
// and IAMRA_PKCS8_PASSWORD as well as --pkcs8-password, one source at a time; a long-running serve
// or update started with the password on its command line no longer shows it in /proc/PID/cmdline,
// read as another user, while it keeps serving.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arnFlags, createPki, encryptKey, issueLeaf, PASSWORD, tempDir, writeFile, type IdentityFiles } from './helper-support/fixtures.js';
import { errorLine, runHelper } from './helper-support/run-helper.js';
import { spawnHelper } from './helper-support/spawn-helper.js';
import { startSessionServer, type SessionServer } from './helper-support/session-server.js';

let leaf: IdentityFiles;
let encryptedKey: string;
let sessions: SessionServer;
let dir: string;

beforeAll(async () => {
  const pki = await createPki();
  leaf = await issueLeaf(pki, 'secret-holder', 'ec-p256');
  encryptedKey = encryptKey(leaf, 'secret-holder-enc', ['-v2', 'aes-256-cbc']);
  sessions = await startSessionServer();
  dir = tempDir('iamra-secrets-');
});
afterAll(() => sessions.stop());

function sessionArgs(command: string, extra: string[]): string[] {
  return [command, '--certificate', leaf.certPath, '--private-key', encryptedKey, ...arnFlags(), '--endpoint', sessions.url, ...extra];
}

describe('password sources', () => {
  it('--pkcs8-password-file: the file holds the password and a trailing newline', async () => {
    const file = writeFile(dir, 'password.txt', `${PASSWORD}\n`, 0o600);
    const result = await runHelper(sessionArgs('credential-process', ['--pkcs8-password-file', file]));
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ Version: 1, AccessKeyId: sessions.issued.at(-1)!.accessKeyId });
  });

  it('IAMRA_PKCS8_PASSWORD', async () => {
    const result = await runHelper(sessionArgs('credential-process', []), { IAMRA_PKCS8_PASSWORD: PASSWORD });
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ AccessKeyId: sessions.issued.at(-1)!.accessKeyId });
  });

  it('sign-string and update --once read the file and the variable too', async () => {
    const file = writeFile(dir, 'password-crlf.txt', `${PASSWORD}\r\n`, 0o600);
    const signed = await runHelper(['sign-string', '--private-key', encryptedKey, '--pkcs8-password-file', file, '--format', 'text']);
    expect(signed.status, signed.stderr).toBe(0);
    expect(signed.stdout).toMatch(/^[0-9a-f]{140,144}$/);
    const credentialsFile = join(tempDir('iamra-secrets-update-'), 'credentials');
    const updated = await runHelper(sessionArgs('update', ['--once', '--profile', 'work']), { IAMRA_PKCS8_PASSWORD: PASSWORD, AWS_SHARED_CREDENTIALS_FILE: credentialsFile });
    expect(updated.status, updated.stderr).toBe(0);
    expect(readFileSync(credentialsFile, 'utf8')).toContain(`aws_access_key_id = ${sessions.issued.at(-1)!.accessKeyId}`);
  });

  it('serve --roles-config: a role names its own "pkcs8-password-file"', async () => {
    const file = writeFile(dir, 'role-password.txt', PASSWORD, 0o600);
    const config = writeFile(dir, 'roles.json', JSON.stringify({ roles: { app: { 'role-arn': 'arn:aws:iam::123456789012:role/app', 'private-key': encryptedKey, 'pkcs8-password-file': file } } }));
    const helper = spawnHelper(['serve', '--roles-config', config, '--certificate', leaf.certPath, ...arnFlags(), '--endpoint', sessions.url, '--port', '0']);
    try {
      const m = await helper.waitForLine(/^export AWS_EC2_METADATA_SERVICE_ENDPOINT=(http:\/\/127\.0\.0\.1:\d+\/)$/);
      const token = await (await fetch(new URL('latest/api/token', m[1]), { method: 'PUT' })).text();
      const document = await fetch(new URL('latest/meta-data/iam/security-credentials/app', m[1]), { headers: { 'x-aws-ec2-metadata-token': token } });
      expect(((await document.json()) as { AccessKeyId: string }).AccessKeyId).toBe(sessions.issued.at(-1)!.accessKeyId);
    } finally {
      expect(await helper.stop()).toBe(0);
    }
  });

  const REFUSALS: Array<{ name: string; args: () => string[]; env?: Record<string, string>; status: number; line: RegExp }> = [
    {
      name: 'flag and variable',
      args: () => sessionArgs('credential-process', ['--pkcs8-password', PASSWORD]),
      env: { IAMRA_PKCS8_PASSWORD: PASSWORD },
      status: 2,
      line: /^iamra: invalid flags: the key password is given more than once \(--pkcs8-password, IAMRA_PKCS8_PASSWORD\)\. Use only one of --pkcs8-password, --pkcs8-password-file and IAMRA_PKCS8_PASSWORD\.$/,
    },
    {
      name: 'flag and file (sign-string)',
      args: () => ['sign-string', '--private-key', encryptedKey, '--pkcs8-password', PASSWORD, '--pkcs8-password-file', writeFile(dir, 'both.txt', PASSWORD)],
      status: 2,
      line: /^iamra: invalid flags: the key password is given more than once \(--pkcs8-password, --pkcs8-password-file\)\./,
    },
    { name: 'an empty file', args: () => sessionArgs('credential-process', ['--pkcs8-password-file', writeFile(dir, 'empty.txt', '\n')]), status: 3, line: /^iamra: cannot read --pkcs8-password-file: the file holds no password \(.*empty\.txt\)\. Write the password into it\.$/ },
    {
      name: 'a directory',
      args: () => {
        mkdirSync(join(dir, 'a-directory'), { recursive: true });
        return sessionArgs('serve', ['--pkcs8-password-file', join(dir, 'a-directory')]);
      },
      status: 3,
      line: /^iamra: cannot read --pkcs8-password-file: it is a directory \(.*a-directory\)\./,
    },
    { name: 'a wrong password in the variable', args: () => sessionArgs('credential-process', []), env: { IAMRA_PKCS8_PASSWORD: 'wrong' }, status: 3, line: /wrong passphrase or damaged key/ },
  ];
  for (const refusal of REFUSALS) {
    it(`refuses ${refusal.name}: one line, exit ${refusal.status}`, async () => {
      const before = sessions.requests.length;
      const result = await runHelper(refusal.args(), refusal.env);
      expect(result.status, result.stderr).toBe(refusal.status);
      expect(errorLine(result)).toMatch(refusal.line);
      expect(result.stdout).toBe('');
      expect(result.stderr).not.toContain(PASSWORD);
      expect(sessions.requests.length).toBe(before);
    });
  }
});

/** /proc/PID/cmdline as user nobody sees it, NULs shown as spaces. */
function cmdlineAsNobody(pid: number): string {
  return execFileSync('runuser', ['-u', 'nobody', '--', 'cat', `/proc/${pid}/cmdline`], { encoding: 'utf8' }).replaceAll('\0', ' ').trim();
}

const isRoot = process.getuid?.() === 0;

describe.skipIf(!isRoot || process.platform !== 'linux')('the password leaves /proc/PID/cmdline (needs root to read it as user nobody)', () => {
  it('serve --pkcs8-password: gone from cmdline and ps, credentials still served', async () => {
    const helper = spawnHelper(sessionArgs('serve', ['--port', '0', '--pkcs8-password', PASSWORD]));
    try {
      const m = await helper.waitForLine(/^export AWS_EC2_METADATA_SERVICE_ENDPOINT=(http:\/\/127\.0\.0\.1:\d+\/)$/);
      const pid = helper.child.pid!;
      const seen = cmdlineAsNobody(pid);
      expect(seen).not.toContain(PASSWORD);
      expect(seen).not.toContain('horse');
      expect(seen).toMatch(/ serve --certificate \S+secret-holder\.crt --private-key \S+secret-holder-enc\.key .*--pkcs8-password \*\*\*$/);
      const ps = execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).trim();
      expect(ps).not.toContain(PASSWORD);
      expect(ps).toContain('serve --certificate');
      const token = await (await fetch(new URL('latest/api/token', m[1]), { method: 'PUT' })).text();
      const document = await fetch(new URL('latest/meta-data/iam/security-credentials/iamra-test', m[1]), { headers: { 'x-aws-ec2-metadata-token': token } });
      expect(document.status).toBe(200);
      expect(((await document.json()) as { AccessKeyId: string }).AccessKeyId).toBe(sessions.issued.at(-1)!.accessKeyId);
    } finally {
      expect(await helper.stop()).toBe(0);
    }
  });

  it('update --pkcs8-password=VALUE: gone from cmdline while it keeps the profile current', async () => {
    const credentialsFile = join(tempDir('iamra-secrets-update-'), 'credentials');
    const helper = spawnHelper(sessionArgs('update', ['--profile', 'work', `--pkcs8-password=${PASSWORD}`]), { AWS_SHARED_CREDENTIALS_FILE: credentialsFile });
    try {
      await helper.waitForLine(/^iamra: updated profile work in /);
      const seen = cmdlineAsNobody(helper.child.pid!);
      expect(seen).not.toContain('horse');
      expect(seen).toMatch(/ update --certificate .* --pkcs8-password=\*\*\*$/);
      expect(readFileSync(credentialsFile, 'utf8')).toContain(`aws_access_key_id = ${sessions.issued.at(-1)!.accessKeyId}`);
    } finally {
      expect(await helper.stop()).toBe(0);
    }
  });
});
