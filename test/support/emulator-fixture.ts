// Test fixture: an emulator with one enabled trust anchor, one enabled profile and one role whose
// trust policy admits Roles Anywhere sessions from that anchor.
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../emulator/index.js';
import type { CreateProfileRequest } from '../../emulator/service/shapes.js';

export const FIXTURE_ROLE_ARN = 'arn:aws:iam::123456789012:role/iamra-test';

export interface EmulatorFixtureOptions {
  /** PEM certificates of the trust anchor (at most two). */
  caCertPems: string[];
  tls?: boolean;
  roleArn?: string;
  /** @default permissiveTrustPolicy(trustAnchorArn) */
  trustPolicy?: unknown;
  profile?: Partial<CreateProfileRequest>;
  now?: () => Date;
  /** Any other emulator option (log, region, account, untaggable, ...). */
  options?: EmulatorOptions;
}

export interface EmulatorFixture {
  emulator: RunningEmulator;
  trustAnchorArn: string;
  profileArn: string;
  roleArn: string;
  stop(): Promise<void>;
}

/** Principal rolesanywhere.amazonaws.com, the three sts actions, ArnEquals aws:SourceArn. */
export function permissiveTrustPolicy(trustAnchorArn: string): unknown {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'rolesanywhere.amazonaws.com' },
        Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'],
        Condition: { ArnEquals: { 'aws:SourceArn': trustAnchorArn } },
      },
    ],
  };
}

export async function startEmulatorWithAnchor(fixture: EmulatorFixtureOptions): Promise<EmulatorFixture> {
  const emulator = await startEmulator({ ...fixture.options, ...(fixture.tls ? { tls: true } : {}), ...(fixture.now ? { now: fixture.now } : {}) });
  try {
    const roleArn = fixture.roleArn ?? FIXTURE_ROLE_ARN;
    const { trustAnchor } = await emulator.control.createTrustAnchor({
      name: 'fixture-anchor',
      source: { sourceType: 'CERTIFICATE_BUNDLE', sourceData: { x509CertificateData: fixture.caCertPems.join('\n') } },
      enabled: true,
    });
    const { profile } = await emulator.control.createProfile({
      name: 'fixture-profile',
      roleArns: [roleArn],
      enabled: true,
      ...fixture.profile,
    });
    await emulator.putRole({ arn: roleArn, trustPolicy: fixture.trustPolicy ?? permissiveTrustPolicy(trustAnchor.trustAnchorArn) });
    return { emulator, trustAnchorArn: trustAnchor.trustAnchorArn, profileArn: profile.profileArn, roleArn, stop: () => emulator.stop() };
  } catch (error) {
    await emulator.stop();
    throw error;
  }
}
