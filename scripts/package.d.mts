// Types of scripts/package.mjs for the TypeScript callers (test setup).
import type { ReleaseTarget } from './bun-compile.mjs';
export const BIN_DIR: string;
export function executablePath(target: ReleaseTarget): string;
export function packageTarget(target: ReleaseTarget): { outfile: string; digest: string };
