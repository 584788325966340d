// Issue 8 guards, by static scan of the sources: only the SQLite adapters load better-sqlite3; the
// CA signs only through a SigningKey (no node:crypto signing in ca/ or cli/); cli/ca and
// cli/publish do not import each other; no command writes SQL.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = import.meta.dirname;
const SKIP = new Set(['node_modules', 'dist', '.git']);

function sources(dir = ROOT): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.(ts|mts|mjs|js)$/.test(entry.name) ? [relative(ROOT, path)] : [];
  });
}

const isTest = (file: string) => /\.test\.ts$|\.contract\.ts$/.test(file) || file.startsWith('test/');
const text = (file: string) => readFileSync(join(ROOT, file), 'utf8');
/** Every module specifier a file imports, statically or with import(). */
const specifiers = (source: string) => [...source.matchAll(/(?:from\s+|import\s*\(\s*|^\s*import\s+)'([^']+)'/gm)].map((m) => m[1]!);

/** The folders (and the one file) that adapt SQLite to a store port. */
const SQLITE_ADAPTERS = [/^ca\/store\/sqlite\//, /^emulator\/state\/sqlite-store\.ts$/];

describe('ports (issue 8)', () => {
  it('only the SQLite adapters import better-sqlite3', () => {
    const importers = sources().filter((file) => file !== 'ports.test.ts' && specifiers(text(file)).includes('better-sqlite3'));
    expect(importers.length).toBeGreaterThan(0);
    expect(importers.filter((file) => !SQLITE_ADAPTERS.some((adapter) => adapter.test(file)))).toEqual([]);
  });

  it('only the PostgreSQL adapter (and tests) import pg, and it is reached only through import()', () => {
    const drivers = ['pg', 'pg-connection-string', 'pgpass'];
    const importers = sources().filter((file) => file !== 'ports.test.ts' && !isTest(file) && specifiers(text(file)).some((s) => drivers.includes(s)));
    expect(importers.length).toBeGreaterThan(0);
    expect(importers.filter((file) => !file.startsWith('ca/store/postgres/'))).toEqual([]);
    // Outside the adapter, the adapter itself loads lazily (ca/store/open-stores.ts, migrate-store.ts).
    const staticUsers = sources().filter((file) => !file.startsWith('ca/store/postgres/') && !isTest(file))
      .filter((file) => /^\s*import\s[^;]*from\s*'[^']*\/postgres\/[^']*'/m.test(text(file).replace(/^\s*import type[^;]*;/gm, '')));
    expect(staticUsers).toEqual([]);
  });

  it('nothing in ca/ or cli/ signs with node:crypto: the CA signs through keys/ SigningKey', () => {
    const signing = /\b(?:sign|createSign|Sign|privateEncrypt)\b/;
    const offenders = sources().filter((file) => /^(ca|cli)\//.test(file) && !isTest(file)).filter((file) => {
      const source = text(file);
      const named = [...source.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'(?:node:)?crypto'/g)].some((m) => signing.test(m[1]!));
      const namespace = /import\s*\*\s*as\s+\w+\s+from\s*'(?:node:)?crypto'/.test(source) || /import\s*\(\s*'(?:node:)?crypto'\s*\)/.test(source);
      return named || namespace;
    });
    expect(offenders).toEqual([]);
    // The one place that signs with a private key is the file-key SigningKey in keys/.
    expect(text('keys/signing-key.ts')).toMatch(/import \{ sign as cryptoSign, type KeyObject \} from 'node:crypto'/);
  });

  it('the CA signer is built from a SigningKey and holds no private key', () => {
    const signer = text('ca/ca-signer.ts');
    expect(signer).toMatch(/export function caSigner\(key: SigningKey,/);
    expect(signer).not.toMatch(/KeyObject/);
    expect(signer).toMatch(/sign\(tbs: Buffer\): Promise<Buffer>;/);
  });

  it('cli/ca and cli/publish do not import each other', () => {
    const crossing = sources().filter((file) => !isTest(file)).filter((file) => {
      const imports = specifiers(text(file));
      if (file.startsWith('cli/ca/')) return imports.some((s) => s.includes('/publish/') && s.startsWith('../publish/'));
      if (file.startsWith('cli/publish/')) return imports.some((s) => s.startsWith('../ca/'));
      return false;
    });
    expect(crossing).toEqual([]);
  });

  it('no command file holds SQL or a LIKE pattern, or opens a store back end itself', () => {
    const offenders = sources().filter((file) => file.startsWith('cli/') && !isTest(file)).filter((file) => {
      const source = text(file);
      return /\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM)\b|\bLIKE\b/.test(source) || specifiers(source).some((s) => s.includes('/store/sqlite/'));
    });
    expect(offenders).toEqual([]);
  });
});
