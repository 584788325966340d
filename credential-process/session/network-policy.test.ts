// Proxy selection (NO_PROXY, loopback) and the retry policy (what is transient, backoff bounds).
import { describe, expect, it } from 'vitest';
import { backoffMs, isRetryableStatus, isThrottling, maxAttemptsFrom } from './retry.js';
import { isExcluded, selectProxy } from './proxy.js';
import { hintFor, parseServiceError } from './service-error.js';

describe('selectProxy', () => {
  const proxy = (url: string, env: Record<string, string>) => selectProxy(new URL(url), env)?.href;

  it('uses HTTPS_PROXY for https and HTTP_PROXY for http, either case, bare host:port allowed', () => {
    expect(proxy('https://rolesanywhere.us-east-1.amazonaws.com', { HTTPS_PROXY: 'proxy:3128' })).toBe('http://proxy:3128/');
    expect(proxy('https://ra.example', { https_proxy: 'http://p:1' })).toBe('http://p:1/');
    expect(proxy('http://ra.example', { HTTPS_PROXY: 'http://p:1' })).toBeUndefined();
    expect(proxy('http://ra.example', { HTTP_PROXY: 'http://p:2' })).toBe('http://p:2/');
  });

  it('never proxies loopback and honours NO_PROXY', () => {
    expect(proxy('https://127.0.0.1:8443', { HTTPS_PROXY: 'http://p:1' })).toBeUndefined();
    expect(proxy('https://localhost', { HTTPS_PROXY: 'http://p:1' })).toBeUndefined();
    expect(proxy('https://ra.corp.example', { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'other, .corp.example' })).toBeUndefined();
  });

  it('matches NO_PROXY entries by domain suffix, exact IP, port and wildcard', () => {
    expect(isExcluded('example.com', 'a.example.com', '443')).toBe(true);
    expect(isExcluded('example.com', 'badexample.com', '443')).toBe(false);
    expect(isExcluded('*.example.com', 'example.com', '443')).toBe(true);
    expect(isExcluded('10.0.0.1', '10.0.0.1', '443')).toBe(true);
    expect(isExcluded('10.0.0.1', '10.0.0.10', '443')).toBe(false);
    expect(isExcluded('ra.example:8443', 'ra.example', '443')).toBe(false);
    expect(isExcluded('ra.example:8443', 'ra.example', '8443')).toBe(true);
    expect(isExcluded('*', 'anything', '1')).toBe(true);
  });
});

describe('retry policy', () => {
  it('retries throttling and 5xx only', () => {
    expect(isRetryableStatus(500, undefined)).toBe(true);
    expect(isRetryableStatus(429, undefined)).toBe(true);
    expect(isRetryableStatus(400, 'ThrottlingException')).toBe(true);
    expect(isRetryableStatus(403, 'AccessDeniedException')).toBe(false);
    expect(isThrottling(503, undefined)).toBe(false);
  });

  it('backs off with full jitter, exponentially, capped at 20 s', () => {
    expect(backoffMs(1, false, 0.999)).toBe(199);
    expect(backoffMs(2, false, 0.5)).toBe(200);
    expect(backoffMs(1, true, 0.999)).toBe(999);
    expect(backoffMs(30, false, 0.999)).toBe(19_980);
    expect(backoffMs(3, false, 0)).toBe(0);
  });

  it('reads AWS_MAX_ATTEMPTS', () => {
    expect(maxAttemptsFrom({})).toBe(3);
    expect(maxAttemptsFrom({ AWS_MAX_ATTEMPTS: '5' })).toBe(5);
    expect(() => maxAttemptsFrom({ AWS_MAX_ATTEMPTS: '0' })).toThrow(/AWS_MAX_ATTEMPTS/);
  });
});

describe('service errors', () => {
  it('reads the code from the header, __type or code, without namespace or URL suffix', () => {
    const body = (o: unknown) => Buffer.from(JSON.stringify(o));
    expect(parseServiceError(403, { 'x-amzn-errortype': 'AccessDeniedException:http://internal.amazon.com/' }, body({ message: 'm' })).code).toBe('AccessDeniedException');
    expect(parseServiceError(404, {}, body({ __type: 'com.amazonaws.rolesanywhere#ResourceNotFoundException', Message: 'x' }))).toEqual({ status: 404, code: 'ResourceNotFoundException', message: 'x' });
    expect(parseServiceError(400, {}, body({ code: 'ValidationException' })).message).toBe('HTTP 400');
    expect(parseServiceError(502, {}, Buffer.from('<html>bad gateway</html>'))).toEqual({ status: 502, code: undefined, message: 'HTTP 502' });
  });

  it('hints at the usual cause of each documented refusal', () => {
    const hint = (message: string) => hintFor({ status: 403, code: 'AccessDeniedException', message }, { tags: () => ['x509Subject/CN=a'], signedAt: '2026-01-01 00:00:00' });
    expect(hint('Invalid signature')).toMatch(/clock \(the request was signed at 2026-01-01 00:00:00 UTC/);
    expect(hint('Certificate revoked')).toMatch(/CRL/);
    expect(hint("Specified Trust Anchor wasn't found.")).toMatch(/--trust-anchor-arn/);
    expect(hint('Invalid or empty profile provided.')).toMatch(/--profile-arn/);
    expect(hint('Unable to assume role for arn:aws:iam::1:role/r')).toMatch(/principal tags: x509Subject\/CN=a$/);
    expect(hint('Unable to assume role for arn:aws:iam::1:role/r. Some attributes failed to be mapped into session tags.')).toMatch(/not a valid session tag value/);
  });
});
