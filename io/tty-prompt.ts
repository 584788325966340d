// Reads a secret from the controlling terminal (/dev/tty) with echo off, as the official helper
// prompts for an encrypted key's password; stdin and stdout stay free for the protocol.
import { closeSync, openSync } from 'node:fs';
import type { ReadStream } from 'node:tty';

/** The typed line, or undefined when the process has no terminal. */
export async function promptSecret(question: string): Promise<string | undefined> {
  let fd: number;
  try {
    fd = openSync('/dev/tty', 'r+');
  } catch {
    return undefined;
  }
  // Loaded only when a prompt is needed, to keep the common start lean.
  const { ReadStream: TtyReadStream, WriteStream: TtyWriteStream } = await import('node:tty');
  const input = new TtyReadStream(fd);
  const output = new TtyWriteStream(fd);
  try {
    // Echo goes off before the question appears, so nothing typed in reply is ever shown.
    input.setRawMode(true);
    output.write(question);
    return await readLine(input);
  } finally {
    input.setRawMode(false);
    output.write('\n');
    input.destroy();
    try {
      closeSync(fd);
    } catch {
      // Already closed by the stream.
    }
  }
}

function readLine(input: ReadStream): Promise<string | undefined> {
  return new Promise((resolve) => {
    let text = '';
    input.setEncoding('utf8');
    input.on('data', (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return resolve(text);
        // Ctrl-C or Ctrl-D: the user gave up.
        if (ch === '\u0003' || ch === '\u0004') return resolve(undefined);
        if (ch === '\u007f' || ch === '\b') text = text.slice(0, -1);
        else text += ch;
      }
    });
  });
}
