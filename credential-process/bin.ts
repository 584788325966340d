// The helper's entry (dist/helper.js, CommonJS) and the only helper file that ends the process:
// runs one command with the real effects and exits with its code.
import { overwriteCommandLine } from './command-line/overwrite-command-line.js';
import { processContext, runHelper } from './main.js';

const isLongRunning = process.argv[2] === 'serve' || process.argv[2] === 'update';
// A password or PIN on the command line of a process that lives for days: out of `ps` at once.
if (isLongRunning && overwriteCommandLine() === 'unsupported') {
  process.stderr.write('iamra: warning: cannot hide the password or PIN given on the command line from other users of this system. Use --pkcs8-password-file, IAMRA_PKCS8_PASSWORD or a PIN file instead.\n');
}
void processContext(isLongRunning)
  .then((ctx) => runHelper(process.argv.slice(2), ctx))
  .then((code) => {
    process.exitCode = code;
    // serve and update leave signal listeners and sockets behind on purpose until here.
    if (isLongRunning) process.exit();
  });
