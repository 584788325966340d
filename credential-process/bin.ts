// The helper's entry (dist/helper.js, CommonJS) and the only helper file that ends the process:
// runs one command with the real effects and exits with its code.
import { processContext, runHelper } from './main.js';

const isLongRunning = process.argv[2] === 'serve' || process.argv[2] === 'update';
void processContext(isLongRunning)
  .then((ctx) => runHelper(process.argv.slice(2), ctx))
  .then((code) => {
    process.exitCode = code;
    // serve and update leave signal listeners and sockets behind on purpose until here.
    if (isLongRunning) process.exit();
  });
