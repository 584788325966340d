// The official helper's captured CreateSession (test/vectors/official-helper-capture, sent by
// aws_signing_helper to 127.0.0.1:8080 at 2024-07-06T11:38:59Z) reproduced by the built helper,
// Node build and executable alike: libfaketime (apt `faketime`) sets the clock the helper signs
// with; RSA PKCS#1 v1.5 is deterministic, so the Authorization header must match byte for byte.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAPTURE_DIR, officialCapture } from '../support/official-capture.js';
import { helperRunner } from '../support/helper-runner.js';
import { runCliAsync } from '../support/run-cli.js';
import { isolatedEnv } from './helper-support/run-helper.js';
import { startSessionServer, type SessionServer } from './helper-support/session-server.js';

let server: SessionServer;

async function listenOnCapturePort(): Promise<SessionServer> {
  const port = Number(officialCapture.host.split(':')[1]);
  for (let attempt = 0; ; attempt++) {
    try {
      return await startSessionServer({ port });
    } catch (error) {
      // Another suite may hold the port for a moment; the capture's Host header needs this one.
      if ((error as { code?: string }).code !== 'EADDRINUSE' || attempt >= 40) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

beforeAll(async () => {
  try {
    execFileSync('faketime', ['--version'], { stdio: 'ignore' });
  } catch {
    throw new Error('faketime is missing: apt-get install faketime (the known-answer test sets the signing clock with it)');
  }
  server = await listenOnCapturePort();
});
afterAll(() => server?.stop());

/** X-Amz-Date 20240706T113859Z as the faketime absolute form, frozen (timers keep the real monotonic clock). */
function faketimeStamp(amzDate: string): string {
  const m = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/.exec(amzDate)!;
  return `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]}`;
}

describe("the official helper's captured request", () => {
  for (const vector of officialCapture.cases) {
    it(`${vector.name}: same query, body, date and signed headers${vector.name.startsWith('rsa') ? ', Authorization byte for byte' : ', signature verified'}`, async () => {
      const before = server.requests.length;
      const args = ['credential-process', '--certificate', `${CAPTURE_DIR}/${vector.certificate}`, '--private-key', `${CAPTURE_DIR}/${vector.private_key}`, '--trust-anchor-arn', vector.trust_anchor_arn, '--profile-arn', vector.profile_arn, '--role-arn', vector.role_arn, '--endpoint', `http://${officialCapture.host}`];
      const runner = helperRunner();
      // -f: libfaketime's own format, an absolute time without '@' stays frozen however slow the start.
      const program = { command: 'faketime', prefix: ['-f', faketimeStamp(vector.x_amz_date), runner.command, ...runner.prefix] };
      const result = await runCliAsync(args, { program, env: isolatedEnv({ TZ: 'UTC', FAKETIME_DONT_FAKE_MONOTONIC: '1' }) });
      expect(result.status, result.stderr).toBe(0);
      const [request] = server.requests.slice(before);
      expect(request!.problem).toBeUndefined();
      expect(request!.headers.host).toBe(officialCapture.host);
      expect(request!.headers['x-amz-date']).toBe(vector.x_amz_date);
      expect(request!.query.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')).toBe(vector.query);
      expect(request!.body).toBe(vector.body);
      if (vector.name.startsWith('rsa')) expect(request!.headers.authorization).toBe(vector.authorization);
      else expect(request!.headers.authorization!.split(', Signature=')[0]).toBe(vector.authorization.split(', Signature=')[0]);
    });
  }
});
