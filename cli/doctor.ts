// `iamra doctor` (issue 12): local checks, one CreateSession, the cause and the next step in words
// (docs/policy.md). Exit 0 when a session was issued, 1 when refused, 4 when unreachable.
import type { Command } from 'commander';
import { readInputText, readPolicyFile } from '../access/read-inputs.js';
import { runDoctor, type DoctorReport } from '../access/doctor.js';
import { writeStdout } from './shared/common.js';
import { ExitStatus } from './shared/exit-status.js';

interface DoctorFlags {
  certificate: string;
  privateKey?: string;
  intermediates?: string;
  anchorCertificate?: string;
  trustAnchorArn?: string;
  profileArn?: string;
  roleArn?: string;
  region?: string;
  endpoint?: string;
  policy?: string;
  json?: boolean;
}

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description('check a workload identity locally, make one CreateSession and explain the result (docs/policy.md)')
    .requiredOption('--certificate <file>', 'workload certificate (PEM, DER or PKCS#12)')
    .option('--private-key <file>', 'its private key (default: in --certificate)')
    .option('--intermediates <file>', 'intermediate CA certificates sent with the request')
    .option('--anchor-certificate <file>', "the trust anchor's CA certificate, to check the chain locally")
    .option('--trust-anchor-arn <arn>', 'trust anchor ARN')
    .option('--profile-arn <arn>', 'profile ARN')
    .option('--role-arn <arn>', 'role ARN')
    .option('--region <region>', 'region (default: the trust anchor\'s)')
    .option('--endpoint <url>', 'Roles Anywhere endpoint, e.g. the emulator')
    .option('--policy <file>', "the role's trust policy (JSON), evaluated locally to name the failing condition")
    .option('--json', 'print JSON')
    .action(async (flags: DoctorFlags) => {
      const report = await runDoctor({
        files: {
          certificate: flags.certificate,
          ...(flags.privateKey ? { privateKey: flags.privateKey } : {}),
          ...(flags.intermediates ? { intermediates: flags.intermediates } : {}),
          ...(flags.anchorCertificate ? { anchorCertificatePem: readInputText(flags.anchorCertificate, 'anchor certificate').toString('latin1') } : {}),
        },
        arns: { trustAnchorArn: flags.trustAnchorArn, profileArn: flags.profileArn, roleArn: flags.roleArn },
        ...(flags.region ? { region: flags.region } : {}),
        ...(flags.endpoint ? { endpoint: flags.endpoint } : {}),
        ...(flags.policy ? { trustPolicy: readPolicyFile(flags.policy).document } : {}),
        env: process.env,
        now: () => new Date(),
      });
      await writeStdout(flags.json ? `${JSON.stringify(report, null, 2)}\n` : render(report));
      if (report.outcome.kind !== 'allowed') throw new ExitStatus(report.outcome.kind === 'unreachable' ? 4 : 1);
    });
}

function render(report: DoctorReport): string {
  const lines = report.checks.map((c) => `${c.status.padEnd(7)} ${c.name}: ${c.detail}`);
  const { outcome } = report;
  if (outcome.kind === 'allowed') lines.push(`CreateSession: allowed: a session for ${outcome.assumedRoleArn}`);
  else if (outcome.kind === 'refused') lines.push(`CreateSession: refused: ${outcome.status} ${outcome.code ?? ''}: ${outcome.message}`);
  else lines.push(`CreateSession: ${outcome.kind === 'unreachable' ? 'unreachable' : 'not made'}: ${outcome.reason}`);
  if (report.emulatorDecision) lines.push(`emulator: ${report.emulatorDecision}`);
  if (report.emulatorDecisionNote) lines.push(`emulator: ${report.emulatorDecisionNote}`);
  if (report.diagnosis) {
    lines.push(`cause: ${report.diagnosis.cause}: ${report.diagnosis.summary}`);
    lines.push(`next step: ${report.diagnosis.nextStep}.`);
  } else {
    lines.push('cause: none: the workload can get credentials with these settings.');
  }
  return `${lines.join('\n')}\n`;
}
