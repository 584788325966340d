// The `iamra` binary (built as CommonJS: a CJS start skips Node's ESM loader, which matters for
// credential_process): sends the aws_signing_helper-compatible commands to the lean helper bundle
// (Node builtins only) and everything else to the full CLI (ESM).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const HELPER_COMMANDS = new Set(['credential-process', 'sign-string', 'read-certificate-data', 'version', 'serve', 'update']);

// `iamra help credential-process` is the helper's own --help.
if (process.argv[2] === 'help' && process.argv[3] !== undefined && HELPER_COMMANDS.has(process.argv[3])) {
  process.argv.splice(2, 2, process.argv[3], '--help');
}
const command = process.argv[2];
// Computed paths keep esbuild from inlining either bundle into this one.
if (command !== undefined && HELPER_COMMANDS.has(command)) {
  require(join(__dirname, 'helper.js'));
} else {
  void import(pathToFileURL(join(__dirname, 'cli.mjs')).href);
}
