// The AWS SDK costs ~260 ms to load: no CLI module may import it statically; only the dynamic
// import in ca/publish/load-crl-publisher.ts reaches it.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const STATIC_IMPORT = /^\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'/gm;

/** Every module reachable from `entry` through static imports, and every package they name. */
function staticGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)) {
      if (/^\s*import\s+type\s/.test(match[0]) || /^\s*export\s+type\s/.test(match[0])) continue;
      const specifier = match[1]!;
      if (specifier.startsWith('.')) pending.push(join(dirname(file), specifier.replace(/\.js$/, '.ts')));
      else packages.add(specifier);
    }
  }
  return { files, packages };
}

describe('lazy AWS SDK', () => {
  it('is not reachable from cli/main.ts through static imports', () => {
    const { files, packages } = staticGraph(join(ROOT, 'cli/main.ts'));
    expect(files.has(join(ROOT, 'cli/publish/crl-publish.ts'))).toBe(true);
    expect(files.has(join(ROOT, 'ca/publish/load-crl-publisher.ts'))).toBe(true);
    expect(files.has(join(ROOT, 'ca/publish/sdk-crl-publisher.ts'))).toBe(false);
    expect([...packages].filter((p) => p.startsWith('@aws-sdk/'))).toEqual([]);
  });

  it('is loaded by the dynamic import of sdk-crl-publisher', () => {
    expect(readFileSync(join(ROOT, 'ca/publish/load-crl-publisher.ts'), 'utf8')).toContain("import('./sdk-crl-publisher.js')");
    expect(staticGraph(join(ROOT, 'ca/publish/sdk-crl-publisher.ts')).packages).toContain('@aws-sdk/client-rolesanywhere');
  });
});
