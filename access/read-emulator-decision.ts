// The emulator's own reason for a refusal, from GET /_iamra/decisions (docs/policy.md, doctor): sent
// unsigned first; when refused (an emulator started with --access-keys), signed again with the AWS
// SDK's credentials. When it cannot be read, one line says why: doctor's diagnosis stands without it.
import { IamraError } from '../errors.js';
import { sendHttpRequest, type HttpResponse } from '../credential-process/session/http-request.js';
import { parseServiceError } from '../credential-process/session/service-error.js';

export const DECISIONS_PATH = '/_iamra/decisions';

export interface EmulatorDecisionInput {
  endpoint: URL;
  region: string;
  now: () => Date;
}

/** `decision`: the latest "CreateSession denied" line; `note`: why the log could not be read. */
export type EmulatorDecision = { decision?: string; note?: undefined } | { decision?: undefined; note: string };

const TIMEOUT_MS = 5_000;
const NOT_READ = `decision log not read (GET ${DECISIONS_PATH})`;

export async function readEmulatorDecision(input: EmulatorDecisionInput): Promise<EmulatorDecision> {
  const url = new URL(DECISIONS_PATH, input.endpoint);
  // Signed only over verified TLS, as CreateSession is sent: the signature carries an access key.
  const get = (headers: Record<string, string>, verifyTls: boolean) => sendHttpRequest({ url, method: 'GET', headers, body: '', timeoutMs: TIMEOUT_MS, verifyTls });
  try {
    let response = await get({}, false);
    let signed = false;
    if (response.status === 403) {
      // Only this path loads the SDK and the signer (lazy: ~260 ms, and never on the helper's start).
      const { signEmulatorGet } = await import('./sign-emulator-request.js');
      response = await get(await signEmulatorGet({ url, region: input.region, signingDate: input.now() }), true);
      signed = true;
    }
    return decisionOf(response, signed);
  } catch (error) {
    const reason = error instanceof IamraError ? error.message.replace(/^iamra: /, '') : error instanceof Error ? error.message : String(error);
    return { note: `${NOT_READ}: ${reason}` };
  }
}

function decisionOf(response: HttpResponse, signed: boolean): EmulatorDecision {
  if (response.status === 404) return { note: `${NOT_READ}: the endpoint has no such route (not the iamra emulator)` };
  if (response.status !== 200) {
    const { code, message } = parseServiceError(response.status, response.headers, response.body);
    const answer = `${response.status}${code ? ` ${code}` : ''}${message === `HTTP ${response.status}` ? '' : `: ${message}`}`;
    if (response.status === 403 && signed) return { note: `${NOT_READ}: the signed request was refused (${answer}); use AWS credentials listed in the emulator's --access-keys` };
    return { note: `${NOT_READ}: the endpoint answered ${answer}` };
  }
  try {
    const { decisions } = JSON.parse(response.body.toString('utf8')) as { decisions?: Array<{ line?: string }> };
    const decision = decisions?.map((d) => d.line ?? '').reverse().find((line) => line.startsWith('CreateSession denied'));
    return decision ? { decision } : {};
  } catch {
    return { note: `${NOT_READ}: the answer is not the emulator's JSON` };
  }
}
