import { describe, expect, it } from 'vitest';
import type { CredentialSetEntry } from '../session/issue-credentials.js';
import { IssuedCredentials } from './issued-credentials.js';

const NOW = Date.parse('2026-12-01T12:00:00Z');

function entry(id: string, expiresAtMs: number): CredentialSetEntry {
  return {
    assumedRoleUser: { arn: `arn:aws:sts::123456789012:assumed-role/r/${id}`, assumedRoleId: `AROAEXAMPLE:${id}` },
    credentials: { accessKeyId: id, expiration: new Date(expiresAtMs).toISOString(), secretAccessKey: `secret-${id}`, sessionToken: `token-${id}` },
    packedPolicySize: 0,
    roleArn: 'arn:aws:iam::123456789012:role/r',
    sourceIdentity: '',
  };
}

const fill = (issued: IssuedCredentials, from: number, count: number, expiresAtMs = NOW + 3_600_000) => {
  for (let i = from; i < from + count; i++) issued.remember(entry(`ASIA${i}`, expiresAtMs), NOW);
};

describe('IssuedCredentials', () => {
  it('finds what it remembered, with the account from the assumed-role ARN', () => {
    const issued = new IssuedCredentials();
    issued.remember(entry('ASIAONE', NOW + 60_000), NOW);
    expect(issued.find('ASIAONE')).toMatchObject({ secretAccessKey: 'secret-ASIAONE', account: '123456789012', expiresAtMs: NOW + 60_000 });
    expect(issued.find('ASIATWO')).toBeUndefined();
  });

  it('at its bound drops the expired first, and keeps every live credential when that makes room', () => {
    const issued = new IssuedCredentials(100);
    fill(issued, 0, 50, NOW - 1);
    fill(issued, 50, 50);
    issued.remember(entry('ASIANEW', NOW + 60_000), NOW);
    expect(issued.size).toBe(51);
    expect(issued.find('ASIA0')).toBeUndefined();
    expect(issued.find('ASIA50')).toBeDefined();
    expect(issued.find('ASIANEW')).toBeDefined();
  });

  it('at its bound with nothing expired drops the oldest down to 90%, so it prunes once per tenth of the bound', () => {
    const issued = new IssuedCredentials(100);
    fill(issued, 0, 100);
    issued.remember(entry('ASIANEW', NOW + 60_000), NOW);
    expect(issued.size).toBe(91);
    expect([issued.find('ASIA9'), issued.find('ASIA10')].map((c) => c?.accessKeyId)).toEqual([undefined, 'ASIA10']);
    // The next 9 fit without another prune: nothing more is dropped until the bound is reached again.
    fill(issued, 100, 9);
    expect(issued.size).toBe(100);
    expect(issued.find('ASIA10')).toBeDefined();
    fill(issued, 109, 1);
    expect(issued.size).toBe(91);
    expect(issued.find('ASIA19')).toBeUndefined();
    expect(issued.find('ASIA20')).toBeDefined();
  });
});
