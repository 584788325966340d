// `iamra revoke SERIAL|CERT --reason R`: revokes a certificate of this CA.
import { type Command, Option } from 'commander';
import { revokeCertificate } from '../../ca/revoke-certificate.js';
import type { RevocationReason } from '../../x509/crl-entry.js';
import { actor, addCaOption, withCa, writeStdout } from '../shared/common.js';
import { revokeTarget } from './serial-argument.js';
import type { RevokeFollowUp } from '../shared/revoke-follow-up.js';

/** Reasons a CA may give without delta CRLs or certificate holds (RFC 5280 §5.3.1). */
export const REVOKE_REASONS: readonly RevocationReason[] = ['unspecified', 'keyCompromise', 'cACompromise', 'affiliationChanged', 'superseded', 'cessationOfOperation', 'privilegeWithdrawn', 'aACompromise'];

export function registerRevoke(program: Command, followUp: RevokeFollowUp): void {
  const command = program.command('revoke')
    .description('revoke a certificate; it is listed in the next "iamra crl generate"')
    .argument('<serial|cert>', 'hex serial, or a certificate file (PEM or DER)')
    .addOption(new Option('--reason <reason>', 'RFC 5280 reason code').choices([...REVOKE_REASONS]).default('unspecified'));
  addCaOption(followUp.addOptions(command)).action((target: string, options: { ca?: string; reason: RevocationReason } & Record<string, unknown>) =>
    withCa(options, async (ca) => {
      const { serialHex, certificateDer } = revokeTarget(target);
      const publish = await followUp.prepare(ca, options);
      try {
        const result = await revokeCertificate({ store: ca.store, serialHex, certificateDer, reason: options.reason, now: new Date(), actor: actor() });
        await writeStdout(`revoked ${result.serialHex} (${result.subject}) at ${result.revokedAt.toISOString()}, reason ${options.reason}\n`);
        if (publish) await writeStdout(await publish.run());
      } finally {
        await publish?.close();
      }
    }),
  );
}
