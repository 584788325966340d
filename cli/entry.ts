// The `iamra` binary: sends the aws_signing_helper-compatible commands to the lean helper
// bundle (Node builtins only) and everything else to the full CLI.
const HELPER_COMMANDS = new Set(['credential-process', 'sign-string', 'read-certificate-data', 'version', 'serve', 'update']);

const command = process.argv[2];
// Computed URLs keep esbuild from inlining either bundle into this one.
const target = command !== undefined && HELPER_COMMANDS.has(command) ? './helper.js' : './cli.js';
await import(new URL(target, import.meta.url).href);
