// `iamra ca backup` and `iamra ca restore`: one file holding a consistent copy of the CA, and its
// way back into an empty directory (ca/backup-ca.ts, ca/restore-ca.ts, docs/ca.md "Backup").
import type { Command } from 'commander';
import { backupCa } from '../../ca/backup-ca.js';
import { restoreCa } from '../../ca/restore-ca.js';
import { readInputFile } from '../../io/read-input-file.js';
import { caPassphrase } from '../shared/ca-passphrase.js';
import { actor, addCaOption, caDir, storeOption, withCa, writeStdout } from '../shared/common.js';

/** A backup holds the database whole: far above the other inputs' cap. */
const BACKUP_MAX_BYTES = 2 * 1024 * 1024 * 1024;

export function registerCaBackup(ca: Command): void {
  const backup = ca.command('backup')
    .description('write a consistent copy of the CA (database snapshot from SQLite or PostgreSQL, certificate, ca.json, key file) to one file, 0600')
    .requiredOption('--out <file>', 'the backup file to create (never over an existing file)');
  addCaOption(backup).action((options: { ca?: string; out: string }) =>
    withCa(options, async (opened) => {
      const result = await backupCa({ ca: opened, out: options.out, now: new Date() });
      const tables = Object.entries(result.tables).map(([table, n]) => `${table} ${n}`).join(', ');
      await writeStdout(`backed up ${opened.paths.dir} to ${result.out}\nfiles: ${result.files.join(', ')}\ntables: ${tables}\n${result.isKeyEncrypted ? '' : 'warning: the CA key in the backup is NOT encrypted (the CA was made with --no-encrypt)\n'}`);
    }),
  );
  const restore = ca.command('restore')
    .description('restore a "ca backup" file into a new or empty --ca directory (its database as ca.db, or into an empty PostgreSQL database with --store), checking its integrity, row counts and key')
    .argument('<file>', 'the backup file')
    .option('--passphrase-file <file>', "file holding the CA key's passphrase, to check the key (else $IAMRA_CA_PASSPHRASE, else a prompt)");
  addCaOption(restore).action(async (file: string, options: { ca?: string; store?: string; passphraseFile?: string }) => {
    const store = storeOption(options.store);
    const text = readInputFile(file, { what: 'CA backup', maxBytes: BACKUP_MAX_BYTES, todo: 'Check the path' }).toString('utf8');
    const result = await restoreCa({ dir: caDir(options.ca), backupText: text, source: file, ...(store ? { store } : {}), passphrase: caPassphrase(options.passphraseFile), now: new Date(), actor: actor() });
    await writeStdout(`restored ${result.dir} from ${file} (backup made ${result.backupCreatedAt})\n${result.subject ? `subject: ${result.subject}\n` : ''}store: ${result.store}\nfiles: ${result.files.join(', ')}\n`);
  });
}
