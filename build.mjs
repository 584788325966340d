// Bundles the CLI with esbuild: a tiny dispatcher (dist/iamra.js) that loads either the lean
// credential helper (dist/helper.js, Node builtins only) or the full CLI (dist/cli.js).
import { build } from 'esbuild';
import { chmodSync, readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: false,
  logLevel: 'warning',
  define: { IAMRA_VERSION: JSON.stringify(pkg.version) },
};
// CommonJS dependencies bundled into ESM still call require() for builtins.
const requireShim = "import { createRequire as __iamraCreateRequire } from 'node:module'; const require = __iamraCreateRequire(import.meta.url);";

await Promise.all([
  build({ ...common, entryPoints: ['cli/entry.ts'], outfile: 'dist/iamra.js', banner: { js: '#!/usr/bin/env node' } }),
  // The helper bundle must stay Node-builtins-only (lean start); packages would load from node_modules.
  // Whitespace and syntax minification cut its compile time at every start; names stay for stack traces.
  build({
    ...common,
    entryPoints: ['credential-process/main.ts'],
    outfile: 'dist/helper.js',
    external: ['@peculiar/*', 'pkcs11js'],
    minifyWhitespace: true,
    minifySyntax: true,
  }),
  build({
    ...common,
    entryPoints: ['cli/main.ts'],
    outfile: 'dist/cli.js',
    external: ['better-sqlite3', 'pkcs11js', 'pg'],
    banner: { js: requireShim },
  }),
]);
chmodSync('dist/iamra.js', 0o755);
