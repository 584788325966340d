// The --events file: one CloudTrail-shaped JSON record per line, each line appended with a single
// write to a file opened for appending (O_APPEND), so lines from one emulator never interleave
// and a reader sees whole lines. The file is created 0600.
import { closeSync, openSync, writeSync } from 'node:fs';

export interface EventLog {
  write(record: Record<string, unknown>): void;
  close(): void;
}

export function openEventLog(path: string): EventLog {
  const fd = openSync(path, 'a', 0o600);
  let isOpen = true;
  return {
    write(record) {
      if (isOpen) writeSync(fd, `${JSON.stringify(record)}\n`);
    },
    close() {
      if (!isOpen) return;
      isOpen = false;
      closeSync(fd);
    },
  };
}
