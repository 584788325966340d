// `iamra revoke SERIAL|CERT --reason R`: revokes a certificate of this CA.
import { type Command, Option } from 'commander';
import { viewCertificate } from '../../ca/certificate-view.js';
import { locateCertificate } from '../../ca/locate-certificate.js';
import { revokeCertificate } from '../../ca/revoke-certificate.js';
import type { RevocationReason } from '../../x509/crl-entry.js';
import type { OpenCa } from '../../ca/open-ca.js';
import { actor, addCaOption, withCa, writeStdout } from '../shared/common.js';
import { certificateJson, jsonText, type CertificateJson } from './certificate-json.js';
import { revokeTarget } from './serial-argument.js';
import type { PendingFollowUp, RevokeFollowUp } from '../shared/revoke-follow-up.js';

/** Reasons a CA may give without delta CRLs or certificate holds (RFC 5280 §5.3.1). */
export const REVOKE_REASONS: readonly RevocationReason[] = ['unspecified', 'keyCompromise', 'cACompromise', 'affiliationChanged', 'superseded', 'cessationOfOperation', 'privilegeWithdrawn', 'aACompromise'];

/** The publish follow-up's output: its text, or its JSON object under `publish` (null without one). */
export async function runFollowUp(publish: PendingFollowUp | undefined, isJson: boolean): Promise<{ text: string; json: unknown }> {
  if (!publish) return { text: '', json: null };
  const text = await publish.run({ json: isJson });
  return { text, json: isJson ? JSON.parse(text) as unknown : null };
}

async function revokedJson(ca: OpenCa, serialHex: string): Promise<CertificateJson> {
  return certificateJson(await viewCertificate(ca.store, await locateCertificate(ca.store, { serialText: serialHex }), new Date()));
}

export function registerRevoke(program: Command, followUp: RevokeFollowUp): void {
  const command = program.command('revoke')
    .description('revoke a certificate; it is listed in the next "iamra crl generate"')
    .argument('<serial|cert>', 'hex serial, or a certificate file (PEM or DER)')
    .addOption(new Option('--reason <reason>', 'RFC 5280 reason code').choices([...REVOKE_REASONS]).default('unspecified'))
    .option('--json', 'print the revoked certificate object (with "publish": the publish result, or null)');
  addCaOption(followUp.addOptions(command)).action((target: string, options: { ca?: string; reason: RevocationReason; json?: boolean } & Record<string, unknown>) =>
    withCa(options, async (ca) => {
      const { serialHex, certificateDer } = revokeTarget(target);
      const publish = await followUp.prepare(ca, options);
      try {
        const result = await revokeCertificate({ store: ca.store, serialHex, certificateDer, reason: options.reason, now: new Date(), actor: actor() });
        if (!options.json) await writeStdout(`revoked ${result.serialHex} (${result.subject}) at ${result.revokedAt.toISOString()}, reason ${options.reason}\n`);
        const published = await runFollowUp(publish, options.json === true);
        if (options.json) await writeStdout(jsonText({ ...(await revokedJson(ca, serialHex)), publish: published.json }));
        else await writeStdout(published.text);
      } finally {
        await publish?.close();
      }
    }),
  );
}
