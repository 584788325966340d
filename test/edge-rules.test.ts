// Rules at the edges (issue 8), checked over the source: only the two entry files end the
// process; the emulator's routes type their request bodies; the shared model and file-effects
// modules import no npm package (the helper's lean start depends on them); every non-null
// assertion says why it holds in a `// Non-null:` comment on its line or the comment block above.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const SOURCE_DIRS = ['access', 'ca', 'cli', 'credential-process', 'emulator', 'errors.ts', 'io', 'keys', 'roles-anywhere', 'trust', 'x509'];

function sourceFiles(entry: string): string[] {
  const path = join(ROOT, entry);
  if (entry.endsWith('.ts')) return [path];
  return readdirSync(path, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && d.name.endsWith('.ts') && !d.name.endsWith('.test.ts') && !d.name.endsWith('.contract.ts'))
    .map((d) => join(d.parentPath, d.name));
}

const files = SOURCE_DIRS.flatMap(sourceFiles);
/**
 * The 1-based lines of `text` holding a non-null assertion (`x!`, `a[i]!`, `f()!.y`) with no
 * `Non-null:` comment on the line or in the run of `//` lines right above it. The TypeScript
 * parser finds the assertions, so `!==`, `!=`, `!x` and `!` in strings, templates, regular
 * expressions and comments never count.
 */
function uncommentedNonNullLines(text: string): number[] {
  const source = ts.createSourceFile('sample.ts', text, ts.ScriptTarget.Latest, true);
  const lines = text.split('\n');
  const found = new Set<number>();
  const visit = (node: ts.Node): void => {
    if (ts.isNonNullExpression(node)) found.add(source.getLineAndCharacterOfPosition(node.getEnd()).line);
    ts.forEachChild(node, visit);
  };
  visit(source);
  const isExplained = (line: number): boolean => {
    if (/\/\/.*Non-null:/.test(lines[line] ?? '')) return true;
    for (let above = line - 1; above >= 0 && /^\s*\/\//.test(lines[above] ?? ''); above--) {
      if ((lines[above] ?? '').includes('Non-null:')) return true;
    }
    return false;
  };
  return [...found].filter((line) => !isExplained(line)).map((line) => line + 1).sort((a, b) => a - b);
}

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

  it('every non-null assertion in the source says why it holds', () => {
    const checked = [...files, join(ROOT, 'version.ts')];
    const missing = checked.flatMap((f) => uncommentedNonNullLines(readFileSync(f, 'utf8')).map((line) => `${relative(ROOT, f)}:${line}`));
    expect(missing).toEqual([]);
  });

  it('the non-null check finds assertions and ignores negation, inequality, strings and regular expressions', () => {
    const sample = [
      'const a = m[1]!;',
      'if (x !== y && x != z && !ok) f(!done);',
      "const s = 'x!.y' + `a[i]!` + /b!\\./.source; // c!.d",
      'const b = f()!.name;',
      '// Non-null: the caller checked it.',
      'const c = list[0]!;',
      'const d = map.get(k)!; // Non-null: k was put in just above.',
      'const e = (g as string)! + h!;',
    ].join('\n');
    expect(uncommentedNonNullLines(sample)).toEqual([1, 4, 8]);
  });

  it('the exit check can fail: it sees the call in the CLI entry', () => {
    expect(code(join(ROOT, 'cli/main.ts'))).toMatch(/process\.exit\s*\(/);
  });
});
