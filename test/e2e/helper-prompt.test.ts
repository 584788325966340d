// The terminal prompt for an encrypted key's password (official-helper.md §1.2 --pkcs8-password):
// run under a pseudo-terminal from script(1), the password is read from /dev/tty without echo.
import { spawn } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { helperCommandLine } from '../support/helper-runner.js';
import { createPki, encryptKey, exportPkcs12, issueLeaf, PASSWORD, type IdentityFiles } from './helper-support/fixtures.js';

let leaf: IdentityFiles;
let encrypted: string;
let p12: string;

beforeAll(async () => {
  const pki = await createPki();
  leaf = await issueLeaf(pki, 'prompted', 'ec-p256');
  encrypted = encryptKey(leaf, 'prompted-enc', ['-v2', 'aes-256-cbc', '-v2prf', 'hmacWithSHA256']);
  p12 = exportPkcs12(leaf, 'prompted', PASSWORD);
});

/** Runs iamra on a pty, types `typed` once the prompt appears; returns the terminal transcript. */
function onTerminal(args: string[], typed: string): Promise<{ status: number | null; transcript: string }> {
  const command = helperCommandLine(args).map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  return new Promise((resolve) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let transcript = '';
    let sent = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      transcript += d;
      if (!sent && transcript.includes('Enter the password of')) {
        sent = true;
        child.stdin.write(`${typed}\r`);
      }
    });
    child.on('close', (status) => resolve({ status, transcript }));
  });
}

describe('password prompt on the terminal', () => {
  it('reads the key password without echoing it', async () => {
    const { status, transcript } = await onTerminal(['sign-string', '--private-key', encrypted, '--format', 'text'], PASSWORD);
    expect(status).toBe(0);
    expect(transcript.replace(/\r/g, '')).toMatch(/Enter the password of .*prompted-enc\.key: \n[0-9a-f]{130,150}$/);
    expect(transcript).not.toContain(PASSWORD);
  });

  it('reads a PKCS#12 password the same way', async () => {
    const { status, transcript } = await onTerminal(['read-certificate-data', '--certificate', p12], PASSWORD);
    expect(status).toBe(0);
    expect(transcript).toContain('"keyType":"EC"');
  });

  it('a wrong typed password is a wrong passphrase (exit 3)', async () => {
    const { status, transcript } = await onTerminal(['sign-string', '--private-key', encrypted], 'not it');
    expect(status).toBe(3);
    expect(transcript).toMatch(/iamra: cannot read private key .*prompted-enc\.key: wrong passphrase or damaged key\. Check the passphrase\./);
    expect(transcript).not.toContain('not it');
  });
});
