// sign-string, read-certificate-data, version and --help through the built binary; signatures are
// checked by OpenSSL over an independently built copy of the official helper's fixed string.
import { createHash, createPublicKey, X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPki, exportPkcs12, issueLeaf, openssl, PASSWORD, type IdentityFiles, type TestPki } from './helper-support/fixtures.js';
import { errorLine, isolatedEnv, runHelper } from './helper-support/run-helper.js';
import { runCliAsync } from '../support/run-cli.js';
import { hostBun } from '../../scripts/bun-compile.mjs';
import { execFileSync } from 'node:child_process';
import { helperCommandLine, helperRunner } from '../support/helper-runner.js';

let pki: TestPki;
let ec: IdentityFiles;
let rsa: IdentityFiles;

beforeAll(async () => {
  pki = await createPki();
  ec = await issueLeaf(pki, 'diag-ec', 'ec-p384');
  rsa = await issueLeaf(pki, 'diag-rsa', 'rsa-2048');
});

/** "AWS Roles Anywhere Credential Helper Signing Test" || "1" || SHA256("IAM RA" || public key) */
function fixedString(files: IdentityFiles): Buffer {
  const key = createPublicKey(readFileSync(files.certPath));
  const der = key.asymmetricKeyType === 'rsa' ? key.export({ type: 'pkcs1', format: 'der' }) : key.export({ type: 'spki', format: 'der' }).subarray(-97);
  return Buffer.concat([Buffer.from('AWS Roles Anywhere Credential Helper Signing Test1'), createHash('sha256').update('IAM RA').update(der).digest()]);
}

function opensslVerifies(files: IdentityFiles, digest: string, signature: Buffer): boolean {
  const dataPath = join(pki.dir, `data-${digest}`);
  const sigPath = join(pki.dir, `sig-${digest}`);
  const pubPath = join(pki.dir, `pub-${digest}.pem`);
  writeFileSync(dataPath, fixedString(files));
  writeFileSync(sigPath, signature);
  writeFileSync(pubPath, new X509Certificate(readFileSync(files.certPath)).publicKey.export({ type: 'spki', format: 'pem' }));
  try {
    return openssl(['dgst', `-${digest}`, '-verify', pubPath, '-signature', sigPath, dataPath]).trim() === 'Verified OK';
  } catch {
    return false;
  }
}

describe('sign-string', () => {
  it('json (default): a quoted hex signature OpenSSL verifies; SHA256 by default', async () => {
    const result = await runHelper(['sign-string', '--private-key', ec.keyPath]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^"[0-9a-f]+"$/);
    expect(opensslVerifies(ec, 'sha256', Buffer.from(JSON.parse(result.stdout) as string, 'hex'))).toBe(true);
    expect(opensslVerifies(ec, 'sha384', Buffer.from(JSON.parse(result.stdout) as string, 'hex'))).toBe(false);
  });

  it('text with SHA384 and bin with SHA512, RSA key from a PKCS#12 file', async () => {
    const text = await runHelper(['sign-string', '--private-key', rsa.keyPath, '--format', 'text', '--digest', 'SHA384']);
    expect(text.stdout).toMatch(/^[0-9a-f]{512}$/);
    expect(opensslVerifies(rsa, 'sha384', Buffer.from(text.stdout, 'hex'))).toBe(true);
    const p12 = exportPkcs12(rsa, 'diag', PASSWORD);
    // Binary output: read as bytes, not text.
    const [command, ...rest] = helperCommandLine(['sign-string', '--certificate', p12, '--pkcs8-password', PASSWORD, '--format=bin', '--digest=SHA512']);
    const bin = execFileSync(command!, rest);
    expect(bin).toHaveLength(256);
    expect(opensslVerifies(rsa, 'sha512', bin)).toBe(true);
  });

  it('refuses an unknown digest (exit 2)', async () => {
    const result = await runHelper(['sign-string', '--private-key', ec.keyPath, '--digest', 'SHA1']);
    expect(result.status).toBe(2);
    expect(errorLine(result)).toBe('iamra: invalid --digest: must be SHA256, SHA384 or SHA512 (SHA1). Pass e.g. --digest SHA256.');
  });
});

describe('read-certificate-data', () => {
  it('prints key type, base64 DER, decimal serial and algorithms as one JSON line', async () => {
    const result = await runHelper(['read-certificate-data', '--certificate', ec.certPath]);
    expect(result.status).toBe(0);
    const der = new X509Certificate(readFileSync(ec.certPath)).raw.toString('base64');
    expect(result.stdout).toBe(
      `{"keyType":"EC","certificateData":"${der}","serialNumber":"${BigInt(`0x${ec.identity.serialHex}`).toString(10)}","supportedAlgorithms":["ECSHA256","ECSHA384","ECSHA512"]}`,
    );
    const serial = openssl(['x509', '-in', ec.certPath, '-noout', '-serial']).trim().split('=')[1]!;
    expect(JSON.parse(result.stdout).serialNumber).toBe(BigInt(`0x${serial}`).toString(10));
  });
});

describe('version and help', () => {
  it('prints the package version and the runtime', async () => {
    const result = await runHelper(['version']);
    const { version } = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string };
    const runtime = helperRunner().name === 'node' ? `Node ${process.versions.node}` : `Bun ${hostBun().version}`;
    expect(result.stdout).toBe(`${version} (${runtime}, ${process.platform}-${process.arch})\n`);
  });

  it('no arguments, --help and help print the command list to stdout, exit 0, as aws_signing_helper does', async () => {
    const runner = helperRunner();
    // Under Node the helper bundle itself; `iamra` alone is the whole toolkit's help.
    const program = runner.name === 'node' ? { command: process.execPath, prefix: [join(import.meta.dirname, '../../dist/helper.js')] } : runner;
    for (const args of [[], ['--help'], ['help']]) {
      const result = await runCliAsync(args, { program, env: isolatedEnv() });
      expect(result.status).toBe(0);
      expect(result.stderr).toBe('');
      expect(result.stdout).toMatch(/^Usage:\n {2}(iamra|iamra-helper-[a-z0-9-]+) \[command\]\n/m);
      for (const command of ['credential-process', 'serve', 'update', 'sign-string', 'read-certificate-data', 'version']) expect(result.stdout).toMatch(new RegExp(`^  ${command} +\\S`, 'm'));
    }
  });

  it('prints help generated from the flag table for every command', async () => {
    for (const command of ['credential-process', 'serve', 'update', 'sign-string', 'read-certificate-data']) {
      const result = await runHelper([command, '--help']);
      expect(result.status).toBe(0);
      expect(result.stdout).toContain(`Usage:\n  iamra ${command} [flags]`);
    }
    expect((await runHelper(['serve', '-h'])).stdout).toMatch(/--port int\s+Port to listen on \(0 picks a free one\) \(default 9911\)/);
  });
});
