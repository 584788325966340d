// A real full disk for tests: a small tmpfs (needs root and `mount -t tmpfs`; callers skip
// without it) and a filler file written until the filesystem has no byte left.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmdirSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A tmpfs of `size` (e.g. `16m`) mounted on a fresh directory, or undefined when this process cannot mount. */
export function mountTmpfs(size: string): string | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const point = mkdtempSync(join(tmpdir(), 'iamra-full-'));
  if (spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', point]).status === 0) return point;
  rmdirSync(point);
  return undefined;
}

export function unmountTmpfs(point: string): void {
  spawnSync('umount', [point]);
  rmdirSync(point);
}

/** Writes `path` until the filesystem has no byte left (large chunks, then single bytes). */
export function fillDisk(path: string): void {
  const fd = openSync(path, 'w');
  try {
    for (const size of [1 << 20, 4096, 1]) {
      const chunk = Buffer.alloc(size, 0x61);
      for (;;) {
        try {
          writeSync(fd, chunk);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break;
          throw error;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
}
