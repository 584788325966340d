// `iamra ca migrate`: creates or upgrades the schema of the CA's store (SQLite or PostgreSQL).
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { describeStoreLocation, parseStoreLocation, readCaConfig } from '../../ca/ca-config.js';
import { migrateStore } from '../../ca/store/migrate-store.js';
import { InputError } from '../../errors.js';
import { addCaOption, caDir, storeOption, writeStdout } from '../shared/common.js';

export function registerCaMigrate(ca: Command): void {
  const command = ca.command('migrate').description('create or upgrade the schema of the CA store (run once per upgrade, from one node)');
  addCaOption(command).action(async (options: { ca?: string; store?: string }) => {
    const dir = caDir(options.ca);
    const location = storeOption(options.store) ?? parseStoreLocation(readCaConfig(dir).store, dir);
    if (location.scheme === 'sqlite' && !existsSync(location.path)) {
      throw new InputError('CA_NOT_FOUND', `no CA store at ${location.path}: the file does not exist. Pass the right --ca or --store.`);
    }
    const { from, to } = await migrateStore(location);
    const where = describeStoreLocation(location);
    const what = from === to ? `already at schema version ${to}` : from === 0 ? `created schema version ${to}` : `upgraded schema version ${from} to ${to}`;
    await writeStdout(`${where}: ${what}\n`);
  });
}
