// Types of scripts/bun-compile.mjs for the TypeScript callers (bench, test setup).
export type ReleaseTarget = 'linux-x64' | 'linux-arm64' | 'darwin-arm64' | 'darwin-x64' | 'windows-x64';
export const TARGETS: Readonly<Record<ReleaseTarget, { bun: string; exe: string }>>;
export const HOST_TARGET: string;
export const BUN_CACHE_DIR: string;
export function hostBun(): { binary: string; version: string };
export function seedRuntime(target: ReleaseTarget, version: string): void;
export function compileHelper(options: { target?: string; outfile: string; entry?: string; bytecode?: boolean }): void;
