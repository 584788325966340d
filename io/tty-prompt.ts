// Reads a secret from the controlling terminal (/dev/tty) with echo off, as the official helper
// prompts for an encrypted key's password; stdin and stdout stay free for the protocol.
import { closeSync, openSync, readSync, writeSync } from 'node:fs';

/** The typed line, or undefined when the process has no terminal. */
export async function promptSecret(question: string): Promise<string | undefined> {
  let fd: number;
  try {
    fd = openSync('/dev/tty', 'r+');
  } catch {
    return undefined;
  }
  // Loaded only when a prompt is needed, to keep the common start lean.
  const { ReadStream: TtyReadStream } = await import('node:tty');
  // The stream only switches the terminal's mode (a setting of the terminal, whichever descriptor
  // sets it), on a descriptor of its own: it closes that one when destroyed, possibly later (Bun),
  // by which time a number closed here could already be reused by a socket. Reading and writing
  // are synchronous on `fd`, because a flowing tty stream keeps Bun's event loop alive.
  let input: InstanceType<typeof TtyReadStream>;
  try {
    input = new TtyReadStream(openSync('/dev/tty', 'r'));
  } catch {
    closeSync(fd);
    return undefined;
  }
  input.pause();
  try {
    // Echo goes off before the question appears, so nothing typed in reply is ever shown.
    input.setRawMode(true);
    writeSync(fd, question);
    return readLine(fd);
  } finally {
    input.setRawMode(false);
    writeSync(fd, '\n');
    input.destroy();
    closeSync(fd);
  }
}

const PAUSE = new Int32Array(new SharedArrayBuffer(4));

/** One byte; should the terminal be non-blocking (another program's doing), EAGAIN waits 20 ms and tries again. */
function readByte(fd: number, byte: Buffer): number {
  for (;;) {
    try {
      return readSync(fd, byte, 0, 1, null);
    } catch (error) {
      if ((error as { code?: string }).code !== 'EAGAIN') throw error;
      Atomics.wait(PAUSE, 0, 0, 20);
    }
  }
}

function readLine(fd: number): string | undefined {
  const byte = Buffer.alloc(1);
  const bytes: number[] = [];
  for (;;) {
    if (readByte(fd, byte) === 0) return undefined;
    // Non-null: readByte returned a nonzero count, so the one-byte buffer holds a byte.
    const ch = byte[0]!;
    if (ch === 0x0d || ch === 0x0a) return Buffer.from(bytes).toString('utf8');
    // Ctrl-C or Ctrl-D: the user gave up.
    if (ch === 0x03 || ch === 0x04) return undefined;
    if (ch === 0x7f || ch === 0x08) {
      // Drop a whole UTF-8 character: continuation bytes first, then its lead byte.
      // Non-null: bytes.length > 0 is checked first.
      while (bytes.length > 0 && (bytes[bytes.length - 1]! & 0xc0) === 0x80) bytes.pop();
      bytes.pop();
    } else bytes.push(ch);
  }
}
