// The checks `iamra doctor` makes before calling the service (issue 12): ARNs and regions, files,
// key match, validity, the service's certificate rules, the chain, tag characters. Each is a
// result, never a throw, so every problem is reported at once.
import type { X509Certificate } from 'node:crypto';
import { IamraError } from '../errors.js';
import { validateSessionArns, type SessionArns } from '../credential-process/arn.js';
import { openIdentity } from '../credential-process/identity.js';
import type { SessionIdentity } from '../credential-process/session/create-session.js';
import { EmulatorServiceError } from '../emulator/errors.js';
import { SessionCaches } from '../emulator/service/session/session-caches.js';
import { buildTrustedPath, endEntityProblem } from '../emulator/service/session/verify-chain.js';
import type { TrustAnchorRecord } from '../emulator/state/state-store.js';
import { parseCertificate } from '../x509/parsed-certificate.js';
import type { PolicyDocument } from '../trust/index.js';
import { defaultAttributeMappings, derivePrincipalTags, sourceIdentityFor } from '../roles-anywhere/index.js';
import { explainAccess } from './explain-access.js';
import { loadMlDsaEngine, type MlDsaEngine } from '../x509/ml-dsa-engine.js';

export type CheckName = 'arns' | 'region' | 'files' | 'key' | 'validity' | 'certificate' | 'chain' | 'tags' | 'trust-policy' | 'clock';

export interface DoctorCheck {
  name: CheckName;
  status: 'ok' | 'fail' | 'warn' | 'skipped';
  detail: string;
}

export interface DoctorFiles {
  certificate: string;
  privateKey?: string;
  intermediates?: string;
  /** PEM of the trust anchor's CA certificate(s), to check the chain locally. */
  anchorCertificatePem?: string;
}

export interface LocalCheckInput {
  files: DoctorFiles;
  arns: Partial<SessionArns>;
  /** --region, when given. */
  region?: string;
  /** The role's trust policy, when given: evaluated as `policy explain` does. */
  trustPolicy?: PolicyDocument;
  now: Date;
}

export interface LocalCheckResult {
  checks: DoctorCheck[];
  arns?: SessionArns;
  region?: string;
  identity?: SessionIdentity;
}

export async function runLocalChecks(input: LocalCheckInput): Promise<LocalCheckResult> {
  const checks: DoctorCheck[] = [];
  const add = (name: CheckName, status: DoctorCheck['status'], detail: string) => checks.push({ name, status, detail });
  let arns: SessionArns | undefined;
  let region: string | undefined;
  try {
    ({ arns, region } = validateSessionArns(input.arns));
    add('arns', 'ok', `trust anchor and profile in ${region}, account ${arns.trustAnchorArn.split(':')[4]}`);
    const roleAccount = arns.roleArn.split(':')[4];
    if (roleAccount !== arns.trustAnchorArn.split(':')[4]) add('arns', 'warn', `the role is in account ${roleAccount}, the trust anchor in ${arns.trustAnchorArn.split(':')[4]}: a profile lists roles of its own account`);
    if (input.region !== undefined && input.region !== region) add('region', 'fail', `--region ${input.region} differs from the trust anchor's region ${region}: CreateSession must go to ${region}`);
    else add('region', 'ok', `CreateSession is signed for and sent to ${region}`);
  } catch (error) {
    if (!(error instanceof IamraError)) throw error;
    add('arns', 'fail', error.message);
  }
  const identity = await checkIdentity(input, add);
  return { checks, ...(arns ? { arns } : {}), ...(region ? { region: input.region ?? region } : {}), ...(identity ? { identity } : {}) };
}

type Add = (name: CheckName, status: DoctorCheck['status'], detail: string) => void;

async function checkIdentity(input: LocalCheckInput, add: Add): Promise<SessionIdentity | undefined> {
  let opened;
  try {
    const warnings: string[] = [];
    opened = await openIdentity({ certificate: input.files.certificate, privateKey: input.files.privateKey, intermediates: input.files.intermediates }, { prompt: async () => undefined, stderr: (line) => warnings.push(line.replace(/^iamra: warning: /, '')) });
    for (const warning of warnings) add('files', 'warn', warning);
    add('files', 'ok', `certificate ${input.files.certificate}${input.files.intermediates ? `, ${opened.chain.length} intermediate(s)` : ''}`);
  } catch (error) {
    if (!(error instanceof IamraError)) throw error;
    add('files', 'fail', error.message);
    return undefined;
  }
  let key;
  try {
    key = await opened.loadKey();
    add('key', 'ok', 'the private key matches the certificate');
  } catch (error) {
    if (!(error instanceof IamraError)) throw error;
    add('key', 'fail', error.message);
  }
  // ML-DSA certificates and chains are checked like RSA and EC ones (issue 14).
  checkCertificate(opened.certificate, opened.chain, input, add, await loadMlDsaEngine());
  return key ? { key, certificate: opened.certificate, chain: opened.chain } : undefined;
}

function checkCertificate(certificate: X509Certificate, chain: readonly X509Certificate[], input: LocalCheckInput, add: Add, mlDsa: MlDsaEngine): void {
  const leaf = parseCertificate(Buffer.from(certificate.raw));
  const { notBefore, notAfter } = leaf.fields;
  if (input.now < notBefore) add('validity', 'fail', `the certificate is not valid before ${notBefore.toISOString()} (this machine says ${input.now.toISOString()})`);
  else if (input.now > notAfter) add('validity', 'fail', `the certificate expired at ${notAfter.toISOString()}`);
  else add('validity', 'ok', `valid until ${notAfter.toISOString()}`);
  const problem = endEntityProblem(leaf, {});
  add('certificate', problem ? 'fail' : 'ok', problem ?? 'meets the service rules (v3, not a CA, digitalSignature, SHA-256 or stronger, supported key)');
  checkChain(leaf, chain, input, add, mlDsa);
  const derived = derivePrincipalTags(leaf.fields, defaultAttributeMappings(), 'fail');
  const identity = sourceIdentityFor(leaf.fields.subject, leaf.fields.serialHex);
  const bad = derived.untaggable.map((u) => `${u.field}/${u.name}: ${u.reason}`);
  if (!identity.ok) bad.push(identity.reason);
  add('tags', bad.length > 0 ? 'fail' : 'ok', bad.length > 0 ? bad.join('; ') : `${derived.tags.size} principal tags under the default mappings, source identity ${identity.ok ? identity.sourceIdentity : ''}`);
  if (input.trustPolicy && input.arns.trustAnchorArn && input.arns.roleArn) {
    const explained = explainAccess({ leaf, intermediates: [], trustAnchorArn: input.arns.trustAnchorArn, roleArn: input.arns.roleArn, policy: input.trustPolicy, mappings: defaultAttributeMappings(), untaggable: 'fail', now: input.now, keyAcceptance: {} });
    // Non-null: explainAccess always reports a trust-policy check when it is given a policy.
    const verdict = explained.checks.find((c) => c.stage === 'trust-policy')!;
    add('trust-policy', verdict.status === 'fail' ? 'fail' : 'ok', verdict.detail);
  }
}

function checkChain(leaf: ReturnType<typeof parseCertificate>, chain: readonly X509Certificate[], input: LocalCheckInput, add: Add, mlDsa: MlDsaEngine): void {
  if (input.files.anchorCertificatePem === undefined) {
    add('chain', 'skipped', 'no --anchor-certificate: the service checks the path to the trust anchor');
    return;
  }
  const anchor = { trustAnchorArn: input.arns.trustAnchorArn ?? '', source: { sourceType: 'CERTIFICATE_BUNDLE', sourceData: { x509CertificateData: input.files.anchorCertificatePem } } } as unknown as TrustAnchorRecord;
  try {
    buildTrustedPath({ keyAcceptance: {}, now: () => input.now }, new SessionCaches({ mlDsa }), { anchor, leaf, chainBase64: chain.map((c) => Buffer.from(c.raw).toString('base64')) });
    add('chain', 'ok', 'the certificate chains to the given anchor certificate');
  } catch (error) {
    if (!(error instanceof EmulatorServiceError)) throw error;
    add('chain', 'fail', error.detail ?? error.message);
  }
}
