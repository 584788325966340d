// Use-case `iamra doctor` (issue 12): the local checks, then one CreateSession when it can be
// made, the clock compared with the service's Date header, and the cause in words.
import { IamraError, RefusedError } from '../errors.js';
import { resolveEndpoint } from '../credential-process/endpoint.js';
import { createSession } from '../credential-process/session/create-session.js';
import { sendHttpRequest, type HttpRequest, type HttpResponse } from '../credential-process/session/http-request.js';
import { parseServiceError } from '../credential-process/session/service-error.js';
import type { SessionArns } from '../credential-process/arn.js';
import type { PolicyDocument } from '../trust/index.js';
import { diagnose, type Diagnosis, type SessionOutcome } from './diagnose-refusal.js';
import { runLocalChecks, type DoctorCheck, type DoctorFiles } from './doctor-checks.js';
import { readEmulatorDecision, type EmulatorDecision } from './read-emulator-decision.js';

/** SigV4's usual window; the service is observed to refuse 30 minutes (roles-anywhere.md §1.5). */
export const CLOCK_SKEW_LIMIT_SECONDS = 300;

export interface DoctorInput {
  files: DoctorFiles;
  arns: Partial<SessionArns>;
  region?: string;
  endpoint?: string;
  trustPolicy?: PolicyDocument;
  env: Readonly<Record<string, string | undefined>>;
  now: () => Date;
}

export interface DoctorReport {
  checks: DoctorCheck[];
  outcome: SessionOutcome;
  diagnosis?: Diagnosis;
  /** With the emulator only: its own reason, from GET /_iamra/decisions (an extra, not the basis). */
  emulatorDecision?: string;
  /** Why that reason could not be read (signed read refused, no such route, no credentials). */
  emulatorDecisionNote?: string;
}

export async function runDoctor(input: DoctorInput): Promise<DoctorReport> {
  const local = await runLocalChecks({ files: input.files, arns: input.arns, now: input.now(), ...(input.region ? { region: input.region } : {}), ...(input.trustPolicy ? { trustPolicy: input.trustPolicy } : {}) });
  const checks = [...local.checks];
  let outcome: SessionOutcome;
  let emulatorDecision: EmulatorDecision = {};
  if (!local.arns || !local.region || !local.identity || checks.some((c) => c.status === 'fail' && (c.name === 'arns' || c.name === 'region'))) {
    const failed = checks.find((c) => c.status === 'fail');
    outcome = { kind: 'not-called', reason: `CreateSession not attempted: ${failed?.detail ?? 'the identity could not be loaded'}` };
  } else {
    const endpoint = resolveEndpoint({ region: local.region, endpoint: input.endpoint, env: input.env }).url;
    let response: HttpResponse | undefined;
    const send = async (request: HttpRequest): Promise<HttpResponse> => (response = await sendHttpRequest(request));
    outcome = await callOnce({ identity: local.identity, arns: local.arns, region: local.region, endpoint, send, now: input.now });
    checks.push(clockCheck(response, input.now()));
    if (outcome.kind === 'refused' && input.endpoint) emulatorDecision = await readEmulatorDecision({ endpoint, region: local.region, now: input.now });
  }
  const diagnosis = diagnose({ checks, outcome, roleArn: input.arns.roleArn, trustAnchorArn: input.arns.trustAnchorArn, certificatePath: input.files.certificate });
  const { decision, note } = emulatorDecision;
  return { checks, outcome, ...(diagnosis ? { diagnosis } : {}), ...(decision ? { emulatorDecision: decision } : {}), ...(note ? { emulatorDecisionNote: note } : {}) };
}

interface CallInput {
  identity: NonNullable<Awaited<ReturnType<typeof runLocalChecks>>['identity']>;
  arns: SessionArns;
  region: string;
  endpoint: URL;
  send: (request: HttpRequest) => Promise<HttpResponse>;
  now: () => Date;
}

async function callOnce(input: CallInput): Promise<SessionOutcome> {
  let lastResponse: HttpResponse | undefined;
  const send = async (request: HttpRequest) => (lastResponse = await input.send(request));
  try {
    await createSession({
      identity: input.identity,
      arns: input.arns,
      region: input.region,
      endpoint: input.endpoint,
      durationSeconds: 900,
      transport: { verifyTls: true, timeoutMs: 10_000 },
      maxAttempts: 1,
      send,
      now: input.now,
      random: Math.random,
      sleep: async () => {},
    });
    // The credentials are dropped at once: doctor only reports that a session was issued.
    return { kind: 'allowed', assumedRoleArn: assumedRoleArnOf(lastResponse) ?? input.arns.roleArn };
  } catch (error) {
    if (!(error instanceof IamraError)) throw error;
    if (lastResponse && (error instanceof RefusedError || lastResponse.status >= 400)) {
      const details = parseServiceError(lastResponse.status, lastResponse.headers, lastResponse.body);
      return { kind: 'refused', status: details.status, code: details.code, message: details.message };
    }
    return { kind: 'unreachable', reason: error.message.replace(/^iamra: /, '') };
  }
}

function assumedRoleArnOf(response: HttpResponse | undefined): string | undefined {
  try {
    const body = JSON.parse(response?.body.toString('utf8') ?? '') as { credentialSet?: Array<{ assumedRoleUser?: { arn?: string } }> };
    return body.credentialSet?.[0]?.assumedRoleUser?.arn;
  } catch {
    return undefined;
  }
}

function clockCheck(response: HttpResponse | undefined, now: Date): DoctorCheck {
  const header = response?.headers.date;
  const serviceTime = typeof header === 'string' ? new Date(header) : undefined;
  if (!serviceTime || Number.isNaN(serviceTime.getTime())) return { name: 'clock', status: 'skipped', detail: 'the service sent no Date header' };
  const skewSeconds = Math.round((now.getTime() - serviceTime.getTime()) / 1000);
  const where = skewSeconds >= 0 ? 'ahead of' : 'behind';
  if (Math.abs(skewSeconds) > CLOCK_SKEW_LIMIT_SECONDS) return { name: 'clock', status: 'fail', detail: `this machine's clock is ${Math.abs(skewSeconds)} s ${where} the service's (allowed: about ${CLOCK_SKEW_LIMIT_SECONDS} s)` };
  return { name: 'clock', status: 'ok', detail: `within ${Math.abs(skewSeconds)} s of the service's clock` };
}
