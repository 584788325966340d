// SDK failures to IamraErrors: exit 4 for retryable, 1 for refusals, 3 for our input, one line each.
import { describe, expect, it } from 'vitest';
import { IamraError } from '../../errors.js';
import { toPublishError } from './service-error.js';

const sdkError = (name: string, status: number | undefined, message = 'service says no') => Object.assign(new Error(message), { name, ...(status === undefined ? {} : { $metadata: { httpStatusCode: status } }) });

describe('toPublishError', () => {
  const cases: Array<[string, unknown, string, number]> = [
    ['access denied', sdkError('AccessDeniedException', 403), 'SERVICE_ACCESS_DENIED', 1],
    ['bad signature', sdkError('InvalidSignatureException', 403), 'SERVICE_ACCESS_DENIED', 1],
    ['throttling (400)', sdkError('ThrottlingException', 400), 'SERVICE_THROTTLED', 4],
    ['HTTP 429', sdkError('Unknown', 429), 'SERVICE_THROTTLED', 4],
    ['HTTP 503', sdkError('ServiceUnavailable', 503), 'SERVICE_UNAVAILABLE', 4],
    ['validation', sdkError('ValidationException', 400), 'SERVICE_REJECTED_INPUT', 3],
    ['trust anchor not found', sdkError('ResourceNotFoundException', 404), 'SERVICE_NOT_FOUND', 3],
    ['connection refused', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 'SERVICE_UNREACHABLE', 4],
    ['timeout', sdkError('TimeoutError', undefined), 'SERVICE_UNREACHABLE', 4],
    ['https to a plain HTTP port', Object.assign(new Error('write EPROTO'), { code: 'EPROTO' }), 'SERVICE_UNREACHABLE', 4],
    ['an answer that is not JSON', Object.assign(new SyntaxError('Unexpected token'), { $response: { statusCode: 200 } }), 'SERVICE_ANSWER_INVALID', 4],
    ['no answer in 30 s', sdkError('AbortError', undefined), 'SERVICE_TIMEOUT', 4],
    ['self-signed endpoint', Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }), 'TLS_UNTRUSTED', 4],
    ['no credentials', sdkError('CredentialsProviderError', undefined), 'AWS_CREDENTIALS_MISSING', 2],
  ];
  for (const [name, error, code, exitCode] of cases) {
    it(`${name} -> ${code} (exit ${exitCode})`, () => {
      const mapped = toPublishError(error, 'UpdateCrl', 'https://rolesanywhere.us-east-1.amazonaws.com');
      expect(mapped).toBeInstanceOf(IamraError);
      expect([(mapped as IamraError).code, (mapped as IamraError).exitCode]).toEqual([code, exitCode]);
      expect((mapped as IamraError).message).not.toContain('\n');
    });
  }

  it('names the clock, not the permissions, for a signature dated outside the 15-minute window', () => {
    const ahead = sdkError('InvalidSignatureException', 403, 'Signature not yet current: 20261203T144405Z is still later than 20261201T135907Z (20261201T134407Z + 15 min.)');
    const mapped = toPublishError(ahead, 'GetCrl', 'here') as IamraError;
    expect([mapped.code, mapped.exitCode]).toEqual(['SERVICE_ACCESS_DENIED', 1]);
    expect(mapped.message).toBe("GetCrl refused: InvalidSignatureException: Signature not yet current: 20261203T144405Z is still later than 20261201T135907Z (20261201T134407Z + 15 min.) (here). This machine's clock is more than 15 minutes off the service's: set it (NTP) and retry.");
    expect((toPublishError(sdkError('InvalidSignatureException', 403, 'Signature expired: 20261201T120000Z is now earlier than 20261201T123000Z (20261201T124500Z - 15 min.)'), 'GetCrl', 'here') as IamraError).message).toContain('set it (NTP)');
    expect((toPublishError(sdkError('InvalidSignatureException', 403), 'GetCrl', 'here') as IamraError).message).toContain('Grant rolesanywhere:ImportCrl');
  });

  it('names the profile, never the credential_process command, when a profile gives no credentials', () => {
    const failed = sdkError('CredentialsProviderError', undefined, 'Command failed: fetch-creds --token s3cr3t');
    const mapped = toPublishError(failed, 'GetCrl', 'here', 'publisher') as IamraError;
    expect(mapped.message).toBe('cannot call GetCrl: no credentials from profile "publisher": it is missing, or its source (credential_process, SSO, keys) failed (here). Check the profile with "aws sts get-caller-identity --profile publisher".');
    expect((toPublishError(failed, 'GetCrl', 'here') as IamraError).message).not.toContain('s3cr3t');
  });

  it('keeps the service message on one bounded line', () => {
    const mapped = toPublishError(sdkError('ValidationException', 400, `line one\nline two ${'x'.repeat(500)}`), 'ImportCrl', 'here') as IamraError;
    expect(mapped.message).toMatch(/^ImportCrl rejected the request: ValidationException: line one line two x+\.\.\. \(here\)\. Check the CRL and the trust anchor\.$/);
  });

  it('leaves bugs and our own errors alone', () => {
    const bug = new TypeError('undefined is not a function');
    expect(toPublishError(bug, 'GetCrl', 'here')).toBe(bug);
    const ours = new IamraError('X', 'x', 3);
    expect(toPublishError(ours, 'GetCrl', 'here')).toBe(ours);
  });
});
