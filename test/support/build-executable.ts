// vitest globalSetup of the `executable` project: compiles the helper for this host from the
// freshly built dist/helper.js (npm test's pretest builds it), about 2-5 s, unless it is newer.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { HOST_TARGET, type ReleaseTarget } from '../../scripts/bun-compile.mjs';
import { executablePath, packageTarget } from '../../scripts/package.mjs';

export default function setup(): void {
  const helperJs = join(import.meta.dirname, '../../dist/helper.js');
  if (!existsSync(helperJs)) throw new Error('dist/helper.js is missing: run npm run build (npm test does)');
  const target = HOST_TARGET as ReleaseTarget;
  const exe = executablePath(target);
  if (existsSync(exe) && statSync(exe).mtimeMs >= statSync(helperJs).mtimeMs) return;
  packageTarget(target);
}
