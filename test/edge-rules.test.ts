// Rules at the edges (issue 8), checked over the source: only the two entry files end the
// process; the emulator's routes type their request bodies; the shared model and file-effects
// modules import no npm package (the helper's lean start depends on them).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const SOURCE_DIRS = ['ca', 'cli', 'credential-process', 'emulator', 'errors.ts', 'io', 'keys', 'roles-anywhere', 'trust', 'x509'];

function sourceFiles(entry: string): string[] {
  const path = join(ROOT, entry);
  if (entry.endsWith('.ts')) return [path];
  return readdirSync(path, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && d.name.endsWith('.ts') && !d.name.endsWith('.test.ts') && !d.name.endsWith('.contract.ts'))
    .map((d) => join(d.parentPath, d.name));
}

const files = SOURCE_DIRS.flatMap(sourceFiles);
const code = (file: string) => readFileSync(file, 'utf8').replace(/^\s*(\/\/|\*|\/\*).*$/gm, '');

describe('rules at the edges', () => {
  it('only cli/main.ts and credential-process/bin.ts end the process', () => {
    const exiting = files.filter((f) => /process\.exit\s*\(|process\.exitCode\s*=/.test(code(f))).map((f) => relative(ROOT, f));
    expect(exiting.sort()).toEqual(['cli/main.ts', 'credential-process/bin.ts']);
  });

  it('the emulator routes cast no body to never', () => {
    const routes = sourceFiles('emulator/routes').filter((f) => /\bas never\b|=\s*never\s*;/.test(code(f)));
    expect(routes.map((f) => relative(ROOT, f))).toEqual([]);
  });

  it('roles-anywhere/ and io/ import only Node builtins and project files', () => {
    const imports = [...sourceFiles('roles-anywhere'), ...sourceFiles('io')].flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2] ?? ''),
    );
    expect(imports.length).toBeGreaterThan(10);
    expect(imports.filter((s) => !s.startsWith('node:') && !s.startsWith('.'))).toEqual([]);
  });

  it('the exit check can fail: it sees the call in the CLI entry', () => {
    expect(code(join(ROOT, 'cli/main.ts'))).toMatch(/process\.exit\s*\(/);
  });
});
