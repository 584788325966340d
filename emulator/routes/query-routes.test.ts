// The Query-protocol front (IAM, STS) on the emulator's base URL: told apart from rest-json by the
// signing name (or, unsigned, by Version), XML errors in the Query shape, text escaped in XML.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../index.js';
import { runBotocoreBatch } from '../../test/support/botocore-batch.js';

const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'rolesanywhere.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.stop());

describe('IAM and STS on the base URL', () => {
  it('answers an unsigned IAM call with a Query XML MissingAuthenticationToken', async () => {
    const answer = await fetch(`${emulator.url}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: 'Action=GetRole&Version=2010-05-08&RoleName=x',
    });
    expect(answer.status).toBe(403);
    expect(answer.headers.get('content-type')).toBe('text/xml');
    const xml = await answer.text();
    expect(xml).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<ErrorResponse xmlns="https:\/\/iam\.amazonaws\.com\/doc\/2010-05-08\/"><Error><Type>Sender<\/Type><Code>MissingAuthenticationToken<\/Code>/);
    expect(xml).toMatch(/<RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>$/);
  });

  it('through botocore: escapes text in XML, refuses actions it does not serve, and STS keys it never issued', async () => {
    const description = 'a <role> & "its" description';
    const [created, fetched, unknownIam, unknownSts] = await runBotocoreBatch(emulator.url, [
      { service: 'iam', operation: 'create_role', params: { RoleName: 'escaped', AssumeRolePolicyDocument: TRUST, Description: description } },
      { service: 'iam', operation: 'get_role', params: { RoleName: 'escaped' } },
      { service: 'iam', operation: 'list_users', params: {} },
      { service: 'sts', operation: 'get_caller_identity', params: {} },
    ]);
    expect(created).toMatchObject({ ok: true, status: 200 });
    expect(fetched).toMatchObject({ ok: true, status: 200, data: { Role: { RoleName: 'escaped', Description: description } } });
    expect(unknownIam).toEqual({ ok: false, status: 400, code: 'InvalidAction', message: 'Could not find operation ListUsers for version 2010-05-08' });
    expect(unknownSts).toEqual({ ok: false, status: 403, code: 'InvalidClientTokenId', message: 'The security token included in the request is invalid.' });
    const stored = await fetch(`${emulator.url}/_iamra/roles`).then((r) => r.json() as Promise<{ roles: Array<{ arn: string }> }>);
    expect(stored.roles.map((r) => r.arn)).toEqual(['arn:aws:iam::123456789012:role/escaped']);
  });
});
