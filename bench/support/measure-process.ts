// Runs one process under /usr/bin/time for its CPU time and peak RSS; wall time is taken around
// the whole spawn. Shared by the helper benchmarks.
import { spawn } from 'node:child_process';

export interface Sample {
  wallMs: number;
  /** User + system CPU time of the child: steadier than wall time on a shared machine. */
  cpuMs: number;
  maxRssKb: number;
}

export function measureProcess(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn('/usr/bin/time', ['-f', '%U %S %M', command, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
      if (code !== 0) return reject(new Error(`${command} exit ${code}: ${stderr}`));
      const [user, system, rss] = stderr.trim().split('\n').pop()!.split(' ').map(Number);
      resolve({ wallMs, cpuMs: (user! + system!) * 1000, maxRssKb: rss! });
    });
  });
}

/** measureProcess of this Node binary, e.g. `node dist/iamra.js ...` or `node -e 0`. */
export function measureNode(args: string[], env: NodeJS.ProcessEnv): Promise<Sample> {
  return measureProcess(process.execPath, args, env);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function mean(values: number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}
