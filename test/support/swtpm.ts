// A throw-away software TPM for tests: swtpm on loopback, tpm2-abrmd (resource manager) on a
// private D-Bus session bus, and a tpm2-pkcs11 store with one token made by tpm2_ptool.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const TPM2_PKCS11_MODULE = '/usr/lib/x86_64-linux-gnu/pkcs11/libtpm2_pkcs11.so';
const TOOLS = ['swtpm', 'tpm2-abrmd', 'tpm2_ptool', 'dbus-daemon'];

/** swtpm, tpm2-abrmd, tpm2-pkcs11 (and its tools) and D-Bus are installed. */
export const hasSoftwareTpm = existsSync(TPM2_PKCS11_MODULE) && TOOLS.every((tool) => spawnSync('which', [tool]).status === 0);

export interface SoftwareTpm {
  /** Environment the module needs (TCTI, store, bus). */
  env: Record<string, string>;
  stop(): void;
}

function listenOn(port: number): Promise<ReturnType<typeof createServer> | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(undefined)).listen(port, '127.0.0.1', () => resolve(server));
  });
}

/** A free port whose successor is free too: swtpm's TCTI reaches the control channel on port + 1. */
async function freePortPair(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const first = await listenOn(0);
    if (!first) continue;
    const { port } = first.address() as { port: number };
    const second = port < 65535 ? await listenOn(port + 1) : undefined;
    await new Promise((resolve) => first.close(resolve));
    if (second) {
      await new Promise((resolve) => second.close(resolve));
      return port;
    }
  }
  throw new Error('no two consecutive free ports for swtpm');
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): string {
  const result = spawnSync(command, args, { env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args[0]} failed: ${result.stderr}`);
  return result.stdout;
}

async function waitFor(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export async function startSoftwareTpm(label: string, userPin: string): Promise<SoftwareTpm> {
  const dir = mkdtempSync(join(tmpdir(), 'iamra-swtpm-'));
  for (const sub of ['state', 'store']) mkdirSync(join(dir, sub));
  const port = await freePortPair();
  const bus = join(dir, 'bus');
  const env = { DBUS_SESSION_BUS_ADDRESS: `unix:path=${bus}`, TPM2TOOLS_TCTI: 'tabrmd:bus_type=session', TPM2_PKCS11_TCTI: 'tabrmd:bus_type=session', TPM2_PKCS11_STORE: join(dir, 'store'), TSS2_LOG: 'all+none' };
  const full = { ...process.env, ...env };
  const children: ChildProcess[] = [];
  const pids: number[] = [];
  const stop = (): void => {
    for (const child of children) child.kill();
    for (const pid of pids) {
      try {
        process.kill(pid);
      } catch {
        // Already gone.
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    run('swtpm', ['socket', '--tpmstate', `dir=${join(dir, 'state')}`, '--tpm2', '--server', `type=tcp,port=${port},bindaddr=127.0.0.1`, '--ctrl', `type=tcp,port=${port + 1},bindaddr=127.0.0.1`, '--flags', 'not-need-init,startup-clear', '--pid', `file=${join(dir, 'swtpm.pid')}`, '--daemon'], full);
    pids.push(Number(readFileSync(join(dir, 'swtpm.pid'), 'utf8')));
    const dbus = run('dbus-daemon', ['--session', '--fork', '--print-pid=1', `--address=unix:path=${bus}`], full);
    pids.push(Number(dbus.trim()));
    children.push(spawn('tpm2-abrmd', ['--session', '--allow-root', `--tcti=swtpm:host=127.0.0.1,port=${port}`], { env: full, stdio: 'ignore' }));
    await waitFor(() => spawnSync('tpm2_getrandom', ['4'], { env: full }).status === 0, 'tpm2-abrmd');
    run('tpm2_ptool', ['init', `--path=${env.TPM2_PKCS11_STORE}`], full);
    run('tpm2_ptool', ['addtoken', '--pid=1', `--label=${label}`, `--userpin=${userPin}`, '--sopin=5678', `--path=${env.TPM2_PKCS11_STORE}`], full);
    return { env, stop };
  } catch (error) {
    stop();
    throw error;
  }
}
