// CA commands (issue #2): `ca init|show|import-cert|template|audit`, `issue`, `revoke`, `renew`, `list`, `show`,
// `export` and `crl generate`, registered on the root program.
import type { Command } from 'commander';
import { registerCaAudit } from './ca/ca-audit.js';
import { registerCaBackup } from './ca/ca-backup.js';
import { registerCaChangePassphrase } from './ca/ca-change-passphrase.js';
import { registerCaImportCert } from './ca/ca-import-cert.js';
import { registerCaInit } from './ca/ca-init.js';
import { registerCaMigrate } from './ca/ca-migrate.js';
import { registerCaExportStore } from './ca/ca-export-store.js';
import { registerCaShow } from './ca/ca-show.js';
import { registerCaTemplate } from './ca/ca-template.js';
import { registerCrlGenerate } from './ca/crl-generate.js';
import { registerIssue } from './ca/issue.js';
import { registerList } from './ca/list.js';
import { registerRenew } from './ca/renew.js';
import { registerRevoke } from './ca/revoke.js';
import { registerExport, registerShow } from './ca/show.js';
import type { RevokeFollowUp } from './shared/revoke-follow-up.js';

/**
 * Registers the CA commands and returns the `crl` command group, to which CRL publishing adds its
 * subcommands; `revokeFollowUp` is what `revoke` and `renew --revoke-old` can do afterwards (`--publish`).
 */
export function registerCaCommands(program: Command, revokeFollowUp: RevokeFollowUp): Command {
  const ca = program.command('ca').description('create and inspect the CA (the Roles Anywhere trust anchor)');
  registerCaInit(ca);
  registerCaShow(ca);
  registerCaImportCert(ca);
  registerCaTemplate(ca);
  registerCaAudit(ca);
  registerCaMigrate(ca);
  registerCaExportStore(ca);
  registerCaChangePassphrase(ca);
  registerCaBackup(ca);
  registerIssue(program);
  registerRevoke(program, revokeFollowUp);
  registerRenew(program, revokeFollowUp);
  registerList(program);
  registerShow(program);
  registerExport(program);
  const crl = program.command('crl').description('certificate revocation lists');
  registerCrlGenerate(crl);
  return crl;
}
