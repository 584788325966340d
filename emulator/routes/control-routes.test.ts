// The rest-json edge of the control plane over HTTP: query-bound members, repeated query keys,
// error rendering (status, x-amzn-ErrorType, {"message"}) and the emulator's own endpoints.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRoot, type TestIdentity } from '../../test/support/pki.js';
import { startEmulator, type RunningEmulator } from '../index.js';

const AUTH = 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/rolesanywhere/aws4_request, SignedHeaders=host;x-amz-date, Signature=00';
let emulator: RunningEmulator;
let root: TestIdentity;

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; type: string | null; json: Record<string, unknown> }> {
  const answer = await fetch(`${emulator.url}${path}`, {
    method,
    headers: { authorization: AUTH, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: answer.status, type: answer.headers.get('x-amzn-errortype'), json: (await answer.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  root = await createTestRoot({ subject: 'CN=routes root' });
  emulator = await startEmulator();
});

afterAll(() => emulator.stop());

describe('control-plane routes', () => {
  it('answers 201 for creations and reads path ids', async () => {
    const source = { sourceType: 'CERTIFICATE_BUNDLE', sourceData: { x509CertificateData: root.certPem } };
    const created = await call('POST', '/trustanchors', { name: 'routes', source });
    expect(created.status).toBe(201);
    const id = (created.json.trustAnchor as { trustAnchorId: string }).trustAnchorId;
    const enabled = await call('POST', `/trustanchor/${id}/enable`);
    expect([enabled.status, (enabled.json.trustAnchor as { enabled: boolean }).enabled]).toEqual([200, true]);
    const tags = await call('GET', `/ListTagsForResource?resourceArn=${encodeURIComponent((created.json.trustAnchor as { trustAnchorArn: string }).trustAnchorArn)}`);
    expect(tags).toEqual({ status: 200, type: null, json: { tags: [] } });
  });

  it('reads repeated specifiers from the query of DeleteAttributeMapping', async () => {
    const { json } = await call('POST', '/profiles', { name: 'routes', roleArns: [] });
    const id = (json.profile as { profileId: string }).profileId;
    await call('PUT', `/profiles/${id}/mappings`, { certificateField: 'x509Subject', mappingRules: [{ specifier: 'CN' }, { specifier: 'OU' }, { specifier: 'O' }] });
    const deleted = await call('DELETE', `/profiles/${id}/mappings?certificateField=x509Subject&specifiers=CN&specifiers=O`);
    const subject = (deleted.json.profile as { attributeMappings: Array<{ certificateField: string; mappingRules: unknown }> }).attributeMappings.find(
      (m) => m.certificateField === 'x509Subject',
    );
    expect(subject!.mappingRules).toEqual([{ specifier: 'OU' }]);
  });

  it.each([
    ['an unknown operation', 'GET', '/nothing-here', undefined, 404, 'UnknownOperationException'],
    ['a body that is not JSON', 'POST', '/profiles', '{oops', 400, 'SerializationException'],
    ['a pageSize that is not a number', 'GET', '/crls?pageSize=ten', undefined, 400, 'SerializationException'],
    ['a pageSize of zero', 'GET', '/crls?pageSize=0', undefined, 400, 'ValidationException'],
    ['a foreign nextToken', 'GET', '/profiles?nextToken=abc', undefined, 400, 'ValidationException'],
    ['an id that is not a UUID', 'GET', '/profile/not-a-uuid', undefined, 400, 'ValidationException'],
  ])('renders %s as status + x-amzn-ErrorType + {"message"}', async (_name, method, path, body, status, type) => {
    const answer = await call(method, path, body);
    expect([answer.status, answer.type, Object.keys(answer.json)]).toEqual([status, type, ['message']]);
  });

  it('refuses a body over 1 MiB with 413', async () => {
    const answer = await call('POST', '/crls', { name: 'x', crlData: 'A'.repeat(1_100_000) });
    expect([answer.status, answer.type, answer.json]).toEqual([413, 'ValidationException', { message: 'Request entity too large' }]);
  });

  it('renders the crlData blob as base64 and refuses a non-base64 one', async () => {
    const bad = await call('POST', '/crls', { name: 'x', crlData: '***', trustAnchorArn: 'arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/x' });
    expect([bad.status, bad.type]).toEqual([400, 'SerializationException']);
  });
});

describe('/_iamra/ endpoints', () => {
  it('lists recent decisions with their reasons, which the AWS-shaped answers never carry', async () => {
    const answer = await call('GET', '/trustanchor/00000000-0000-0000-0000-000000000000');
    expect(answer.json).toEqual({ message: 'Trust anchor not found' });
    const { decisions } = (await (await fetch(`${emulator.url}/_iamra/decisions`)).json()) as { decisions: Array<{ at: string; line: string }> };
    expect(decisions.at(-1)!.line).toBe('GET /trustanchor/00000000-0000-0000-0000-000000000000: 404 ResourceNotFoundException "Trust anchor not found"');
    expect(Date.parse(decisions.at(-1)!.at)).not.toBeNaN();
  });

  it('answers health, lists and deletes roles, 404 for unknown ones', async () => {
    expect(await (await fetch(`${emulator.url}/_iamra/health`)).json()).toEqual({ ok: true });
    const role = { arn: 'arn:aws:iam::123456789012:role/x', trustPolicy: { Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sts:*' }] } };
    await fetch(`${emulator.url}/_iamra/roles`, { method: 'PUT', body: JSON.stringify(role) });
    const listed = (await (await fetch(`${emulator.url}/_iamra/roles`)).json()) as { roles: Array<{ arn: string; maxSessionDuration: number }> };
    expect(listed.roles).toEqual([{ ...role, maxSessionDuration: 3600 }]);
    expect((await fetch(`${emulator.url}/_iamra/roles?arn=${encodeURIComponent(role.arn)}`, { method: 'DELETE' })).status).toBe(200);
    expect((await fetch(`${emulator.url}/_iamra/roles?arn=${encodeURIComponent(role.arn)}`, { method: 'DELETE' })).status).toBe(404);
  });
});
