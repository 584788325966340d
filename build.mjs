// Bundles the CLI with esbuild: a tiny CommonJS dispatcher (dist/iamra.js) that loads either the
// lean credential helper (dist/helper.js, CommonJS, Node builtins only) or the full CLI
// (dist/cli.mjs, ESM). dist/package.json marks the .js files as CommonJS.
import { build } from 'esbuild';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

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
// The helper loads ML-DSA (@noble/post-quantum, pure JS) only when it meets an ML-DSA key or
// certificate, from dist/ml-dsa.js beside it, so dist/ needs no node_modules at run time.
const mlDsaBesideHelper = {
  name: 'ml-dsa-beside-helper',
  setup(b) {
    b.onResolve({ filter: /^@noble\/post-quantum\// }, () => ({ path: './ml-dsa.js', external: true }));
  },
};
// CommonJS dependencies bundled into ESM still call require() for builtins.
const requireShim = "import { createRequire as __iamraCreateRequire } from 'node:module'; const require = __iamraCreateRequire(import.meta.url);";

rmSync('dist', { recursive: true, force: true });
mkdirSync('dist', { recursive: true });
writeFileSync('dist/package.json', '{ "type": "commonjs" }\n');
await Promise.all([
  build({ ...common, format: 'cjs', entryPoints: ['cli/entry.ts'], outfile: 'dist/iamra.js', banner: { js: '#!/usr/bin/env node' } }),
  // The helper bundle must stay Node-builtins-only (lean start); packages would load from node_modules.
  // Whitespace and syntax minification cut its compile time at every start; names stay for stack traces.
  build({
    ...common,
    format: 'cjs',
    entryPoints: ['credential-process/bin.ts'],
    outfile: 'dist/helper.js',
    external: ['@peculiar/*', 'pkcs11js'],
    plugins: [mlDsaBesideHelper],
    minifyWhitespace: true,
    minifySyntax: true,
  }),
  // `iamra/credentials`: the in-process SDK provider, Node builtins only, for require and import.
  ...['cjs', 'esm'].map((format) =>
    build({ ...common, format, entryPoints: ['credential-process/provider/index.ts'], outfile: `dist/credentials.${format === 'cjs' ? 'js' : 'mjs'}`, external: ['@peculiar/*', 'pkcs11js'] }),
  ),
  build({
    ...common,
    format: 'cjs',
    stdin: { contents: "export { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';", resolveDir: '.', loader: 'js' },
    outfile: 'dist/ml-dsa.js',
    minify: true,
  }),
  // Split so lazily imported parts (the AWS SDK, @peculiar/x509) become chunks loaded on demand.
  build({
    ...common,
    entryPoints: { cli: 'cli/main.ts' },
    outdir: 'dist',
    splitting: true,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    // ESM builds of dependencies keep their named exports across the dynamic-import chunks.
    mainFields: ['module', 'main'],
    external: ['better-sqlite3', 'pkcs11js', 'pg', 'pgpass', 'pg-connection-string'],
    banner: { js: requireShim },
  }),
]);
chmodSync('dist/iamra.js', 0o755);
copyFileSync('credential-process/provider/credentials.d.ts', 'dist/credentials.d.ts');
