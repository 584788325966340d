// `iamra ca audit`: the append-only audit log, oldest first.
import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import { readAuditLog } from '../../ca/read-audit-log.js';
import { addCaOption, withCa, writeStdout } from '../shared/common.js';

interface AuditOptions {
  ca?: string;
  json?: boolean;
  last?: string;
}

export function registerCaAudit(ca: Command): void {
  const command = ca.command('audit').description('print the audit log: who did what, when (never key material)')
    .option('--last <n>', 'only the last N entries')
    .option('--json', 'print a JSON array');
  addCaOption(command).action((options: AuditOptions) =>
    withCa(options, async (ca) => {
      const last = options.last === undefined ? undefined : Number(options.last);
      if (last !== undefined && (!Number.isSafeInteger(last) || last < 1)) throw new UsageError('LAST_INVALID', `invalid --last ${JSON.stringify(options.last)}: not a positive whole number. Use e.g. --last 20.`);
      const rows = (await readAuditLog(ca.store, last)).map((e) => ({ id: e.id, at: e.at.toISOString(), actor: e.actor, action: e.action, serial: e.serialHex ?? null, detail: e.detail }));
      if (options.json) return writeStdout(`${JSON.stringify(rows, null, 2)}\n`);
      await writeStdout(rows.map((r) => `${r.at}  ${r.action.padEnd(18)}  ${r.serial ?? '-'}  ${r.actor}  ${JSON.stringify(r.detail)}\n`).join(''));
    }),
  );
}
