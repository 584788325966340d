// The lean-start rule (issues 4, 8): everything reachable from the helper's entry (bin.ts), statically or
// through import(), is a Node builtin or the project's own code outside ca/, emulator/ and cli/
// (shared modules such as roles-anywhere/, x509/ and keys/ are fine while they import no npm
// package), and the bundle holds no npm package.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const FORBIDDEN_DIRS = ['ca/', 'emulator/', 'cli/'];
const ML_DSA_PACKAGE = '@noble/post-quantum/ml-dsa.js';
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3]!).filter((s) => !/^import type/.test(s));
}

/** Every module reachable from the entry; type-only imports are erased by the build and skipped. */
/** Packages the helper may load lazily (import() only), each for one input: pkcs11js for pkcs11: URIs. */
const LAZY_PACKAGES = ['pkcs11js'];

function reachable(entry: string): { files: string[]; specifiers: string[]; lazyPackages: string[] } {
  const seen = new Set<string>();
  const specifiers: string[] = [];
  const lazyPackages: string[] = [];
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(IMPORT)) {
      if (/^\s*(import|export)\s+type\s/.test(m[0].trim())) continue;
      const specifier = m[1] ?? m[2] ?? m[3]!;
      if (!specifier.startsWith('.')) {
        if (m[3] !== undefined && LAZY_PACKAGES.includes(specifier)) lazyPackages.push(specifier);
        else specifiers.push(specifier);
        continue;
      }
      const target = resolve(dirname(file), specifier.replace(/\.js$/, '.ts'));
      expect(existsSync(target), `${relative(ROOT, file)} imports ${specifier}`).toBe(true);
      queue.push(target);
    }
  }
  return { files: [...seen].map((f) => relative(ROOT, f)), specifiers, lazyPackages };
}

describe('credential helper start path', () => {
  const { files, specifiers, lazyPackages } = reachable(join(ROOT, 'credential-process/bin.ts'));

  it('imports only Node builtins (and, lazily, the ML-DSA engine)', () => {
    // issue 14: @noble/post-quantum loads through import() only when an ML-DSA key or certificate is met.
    expect(specifiers.filter((s) => !s.startsWith('node:') && s !== ML_DSA_PACKAGE)).toEqual([]);
    expect(importsOf(join(ROOT, 'x509/ml-dsa-engine.ts'))).toContain(ML_DSA_PACKAGE);
  });

  it('reaches pkcs11js only through import() in the PKCS#11 module loader', () => {
    expect(lazyPackages).toEqual(['pkcs11js']);
    const loaders = files.filter((f) => /import\(\s*['"]pkcs11js['"]\s*\)/.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(loaders).toEqual(['keys/pkcs11/pkcs11-module.ts']);
  });

  it('reaches no CA, emulator or CLI code', () => {
    expect(files.filter((f) => FORBIDDEN_DIRS.some((d) => f.startsWith(d)))).toEqual([]);
    expect(files).toContain('keys/pkcs12/read-pkcs12.ts');
    expect(files).toContain('roles-anywhere/arn.ts');
    expect(files).toContain('roles-anywhere/certificate-tags.ts');
  });

  it('the walker sees through to packages (so the checks above can fail)', () => {
    expect(importsOf(join(ROOT, 'test/support/pki.ts'))).toContain('@peculiar/x509');
    expect(reachable(join(ROOT, 'test/support/pki.ts')).specifiers).toContain('@peculiar/x509');
  });

  it('the built dist/helper.js bundles no npm package', () => {
    const bundle = readFileSync(join(ROOT, 'dist/helper.js'), 'utf8');
    // The bundle is minified CommonJS: require() calls and dynamic import() may share a line.
    const required = [...bundle.matchAll(/\brequire\(\s*"([^"]+)"\s*\)|\bimport\(\s*"([^"]+)"\s*\)/g)].map((m) => m[1] ?? m[2]!);
    expect(required).toContain('node:crypto');
    // Non-builtins: pkcs11js (external, required only inside the lazily imported module loader)
    // and the ML-DSA engine beside the bundle in dist/, loaded on demand (issue 14).
    expect(required.filter((s) => !s.startsWith('node:')).sort()).toEqual(['./ml-dsa.js', 'pkcs11js']);
    expect(bundle).not.toMatch(/commander|@peculiar|@aws-sdk|reflect-metadata|better-sqlite3|@noble/);
  });

  it('dist/ml-dsa.js needs no node_modules: it requires nothing', () => {
    const engine = readFileSync(join(ROOT, 'dist/ml-dsa.js'), 'utf8');
    expect(engine).toMatch(/ml_dsa65/);
    expect([...engine.matchAll(/\brequire\(\s*"([^"]+)"\s*\)/g)]).toEqual([]);
  });
});
