// Issue #5, idempotence and recovery against the emulator: a second publish sends nothing; a CRL
// deleted or disabled on the service is repaired; a publish killed between ImportCrl and recording
// its id leaves one CRL after the next run; a third CRL on the anchor is refused by name.
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dumpDatabase, expectUserError, sqlite } from '../support/ca-fixture.js';
import { writeCaSignedCrl } from '../support/ca-crl-file.js';
import { startPublishFixture, type PublishFixture, onlyJson } from '../support/publish-fixture.js';

let f: PublishFixture;

beforeAll(async () => {
  f = await startPublishFixture();
});

afterAll(() => f.stop());

const sends = () => f.proxy.count('POST', /^\/crls$/) + f.proxy.count('PATCH', /^\/crl\//);
const crlsOnAnchor = async () => (await f.fixture.emulator.control.listCrls()).crls.filter((c) => c.trustAnchorArn === f.trustAnchorArn);
const publish = (args: string[] = [], env: Record<string, string | undefined> = {}, options: Parameters<PublishFixture['iamra']>[2] = {}) => f.iamra(['crl', 'publish', '--ca', 'ca', ...args], env, options);

/** SIGKILLs `child` and resolves once it has exited. */
function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = once(child, 'exit').then(() => undefined);
  child.kill('SIGKILL');
  return exited;
}

describe('a publish killed after the service did ImportCrl, before it heard the answer', () => {
  it('dies with the import done but not recorded', async () => {
    let cli: ChildProcess | undefined;
    let killedAtImport = false;
    // The proxy holds the ImportCrl answer back: the service has the CRL, the CLI does not know.
    f.proxy.beforeAnswer = async (request) => {
      if (request.method !== 'POST' || request.path !== '/crls' || !cli) return;
      killedAtImport = true;
      await kill(cli);
    };
    let result;
    try {
      result = await publish(['--trust-anchor-arn', f.trustAnchorArn, '--endpoint', f.endpoint], {}, { onSpawn: (child) => (cli = child) });
    } finally {
      f.proxy.beforeAnswer = undefined;
    }
    expect(killedAtImport).toBe(true);
    expect(result.status).toBe(-1);
    expect(await crlsOnAnchor()).toHaveLength(1);
    expect(sqlite(f.caDir, 'SELECT crl_id IS NULL, pending_sha256 IS NOT NULL FROM publish_targets')).toBe('1|1');
    const statusRun = await f.iamra(['crl', 'status', '--ca', 'ca', '--json']);
    const status = onlyJson(statusRun.stdout) as { pending: unknown; service: { state: string }; staleReasons: string[] };
    expect(status.pending).not.toBeNull();
    expect(status.service.state).toBe('never-published');
    expect([statusRun.status, status.staleReasons]).toEqual([1, ['pending']]);
  });

  it('is adopted by the next run, which imports nothing', async () => {
    const imports = f.proxy.count('POST', /^\/crls$/);
    const result = await publish();
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^unchanged: arn:\S+ already holds CRL 1 \(\d+ bytes\), enabled; nothing sent\nnote: adopted "iamra-[0-9a-f]{16}" already on the service \(left by an interrupted publish\)\n$/);
    expect(f.proxy.count('POST', /^\/crls$/)).toBe(imports);
    expect(await crlsOnAnchor()).toHaveLength(1);
    expect(sqlite(f.caDir, 'SELECT crl_id IS NOT NULL, pending_sha256 IS NULL FROM publish_targets')).toBe('1|1');
  });
});

describe('idempotence', () => {
  it('publishing twice sends once', async () => {
    const before = sends();
    const first = await publish(['--json']);
    const second = await publish(['--json']);
    expect([first.status, second.status]).toEqual([0, 0]);
    expect((onlyJson(second.stdout) as { outcome: string }).outcome).toBe('unchanged');
    expect(sends()).toBe(before);
    await f.iamra(['revoke', '--ca', 'ca', await f.issue('erin')]);
    const changed = onlyJson((await publish(['--json'])).stdout) as { outcome: string; crlNumber: number; isNewCrl: boolean };
    expect(changed).toMatchObject({ outcome: 'updated', crlNumber: 2, isNewCrl: true });
    expect((onlyJson((await publish(['--json'])).stdout) as { outcome: string }).outcome).toBe('unchanged');
    expect(sends()).toBe(before + 1);
  });

  it('signs and sends a new CRL when the latest one\'s nextUpdate is within --renew-before', async () => {
    const renewed = onlyJson((await publish(['--json', '--next-update', '10d', '--renew-before', '8d'])).stdout) as { outcome: string; signedBecause: string; crlNumber: number };
    expect(renewed).toMatchObject({ outcome: 'updated', signedBecause: 'renewal-due', crlNumber: 3 });
    expect((onlyJson((await publish(['--json', '--renew-before', '2h'])).stdout) as { outcome: string }).outcome).toBe('unchanged');
  });

  it('re-imports a CRL deleted on the service', async () => {
    const [held] = await crlsOnAnchor();
    await f.fixture.emulator.control.deleteCrl({ crlId: held!.crlId });
    const status = await f.iamra(['crl', 'status', '--ca', 'ca', '--json']);
    expect([status.status, (onlyJson(status.stdout) as { staleReasons: string[] }).staleReasons]).toEqual([1, ['deleted-on-service']]);
    const result = onlyJson((await publish(['--json'])).stdout) as { outcome: string; wasDeleted: boolean; crlId: string; crlNumber: number };
    expect(result).toMatchObject({ outcome: 'imported', wasDeleted: true, crlNumber: 3 });
    expect((await crlsOnAnchor()).map((c) => [c.crlId, c.enabled])).toEqual([[result.crlId, true]]);
  });

  it('re-enables a CRL disabled on the service, and says so', async () => {
    const [held] = await crlsOnAnchor();
    await f.fixture.emulator.control.disableCrl({ crlId: held!.crlId });
    const status = await f.iamra(['crl', 'status', '--ca', 'ca']);
    expect(status.status).toBe(1);
    expect(status.stdout).toMatch(/ stale: the CRL is disabled on the service\nnot every trust anchor is up to date: run "iamra crl publish"\n$/);
    const result = await publish();
    expect(result.stdout).toMatch(/^enabled arn:\S+, which holds CRL 3 \(\d+ bytes\)\nnote: it was disabled on the service; enabled again\n$/);
    expect((await crlsOnAnchor())[0]!.enabled).toBe(true);
  });

  it('sends a CRL made by "crl generate" as it is, without signing another', async () => {
    const generated = await f.iamra(['crl', 'generate', '--ca', 'ca', '--out', 'generated.pem']);
    expect(generated.stderr).toMatch(/^iamra: CRL 4: 1 entry,/);
    const result = onlyJson((await publish(['--json'])).stdout) as { outcome: string; crlNumber: number; isNewCrl: boolean };
    expect(result).toMatchObject({ outcome: 'updated', crlNumber: 4, isNewCrl: false });
    expect((await crlsOnAnchor())[0]!.crlData.toString('latin1')).toBe(readFileSync(join(f.dir, 'generated.pem'), 'latin1'));
  });

  it('puts the CRL back when someone else changed it on the service', async () => {
    const [held] = await crlsOnAnchor();
    const stale = await writeCaSignedCrl(f.caDir, 'stale.pem', { entryCount: 0, crlNumber: 1n, format: 'pem' });
    await f.fixture.emulator.control.updateCrl({ crlId: held!.crlId, crlData: readFileSync(stale) });
    const result = onlyJson((await publish(['--json'])).stdout) as { outcome: string; crlNumber: number; isNewCrl: boolean };
    expect(result).toMatchObject({ outcome: 'updated', crlNumber: 4, isNewCrl: false });
    const status = onlyJson((await f.iamra(['crl', 'status', '--ca', 'ca', '--json'])).stdout) as { isUpToDate: boolean; service: { matchesPublished: boolean } };
    expect(status).toMatchObject({ isUpToDate: true, service: { matchesPublished: true } });
  });

  it('reports status: local, published and service agree', async () => {
    const result = await f.iamra(['crl', 'status', '--ca', 'ca']);
    expect([result.status, result.stderr]).toEqual([0, '']);
    expect(result.stdout).toMatch(/^CA CRL 4: 1 entry, thisUpdate \S+, nextUpdate \S+\nTRUST ANCHOR +REGION +ENDPOINT +SENT +PUBLISHED AT +STATUS\narn:\S+ +us-east-1 +http:\/\/127\.0\.0\.1:\d+ +4 +\S+Z +up to date\n$/);
    const status = onlyJson((await f.iamra(['crl', 'status', '--ca', 'ca', '--json'])).stdout) as { service: { state: string; matchesPublished: boolean }; history: Array<{ action: string; crlNumber: number | null }> };
    expect(status.service).toMatchObject({ state: 'present', matchesPublished: true });
    // The whole story of this suite, newest first: crash and adoption, updates, deletion, re-import, re-enable, repair.
    const history = status.history.map((h) => `${h.action}${h.crlNumber === null ? '' : ` CRL ${h.crlNumber}`}`);
    expect(history).toEqual(['updated CRL 4', 'updated CRL 4', 'enabled CRL 3', 'imported CRL 3', 'forgotten', 'updated CRL 3', 'updated CRL 2', 'adopted CRL 1']);
  });
});

describe('the two-CRL limit', () => {
  it('refuses a third CRL, naming the two on the anchor, and changes nothing', async () => {
    const [held] = await crlsOnAnchor();
    const other = await f.fixture.emulator.control.importCrl({ name: 'other-crl', trustAnchorArn: f.trustAnchorArn, crlData: held!.crlData, enabled: true });
    const before = dumpDatabase(f.caDir);
    const imports = f.proxy.count('POST', /^\/crls$/);
    const result = await publish(['--name', 'third-crl']);
    expect(expectUserError(result, 1)).toBe(`iamra: cannot import a third CRL: trust anchor ${f.trustAnchorArn} already has 2 CRLs, the service's hard limit: "${held!.name}" (${held!.crlId}), "other-crl" (${other.crl.crlId}). Delete one (aws rolesanywhere delete-crl --crl-id ID), or publish into one of them with --name NAME.`);
    expect(f.proxy.count('POST', /^\/crls$/)).toBe(imports);
    expect(dumpDatabase(f.caDir)).toBe(before);
    expect(await crlsOnAnchor()).toHaveLength(2);
  });
});
