// The one input reader through the built CLI: a FIFO or device given as an input file is refused
// at once with one line and exit 3 (a plain read would block forever on a FIFO without a writer).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCa, expectUserError, iamra, tempDir } from '../support/ca-fixture.js';

const ANCHOR = 'arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/0b5f5e5c-1111-4222-8333-444455556666';
const PROFILE = 'arn:aws:rolesanywhere:us-east-1:123456789012:profile/1c6a6f6d-2222-4333-8444-555566667777';
const ROLE = 'arn:aws:iam::123456789012:role/app';

let dir: string;

beforeAll(() => {
  dir = tempDir('iamra-inputs-');
  createCa(dir);
  execFileSync('mkfifo', [join(dir, 'fifo')]);
});

describe('input files that are not regular files', () => {
  it('issue --csr FIFO', () => {
    const line = expectUserError(iamra(dir, ['issue', '--ca', 'ca', '--csr', 'fifo']), 3);
    expect(line).toBe('iamra: cannot read CSR: it is a named pipe, not a regular file (fifo). Check the path.');
  });

  it('credential-process --certificate FIFO and a device', () => {
    const helper = (certificate: string) =>
      expectUserError(iamra(dir, ['credential-process', '--certificate', certificate, '--private-key', 'k.pem', '--trust-anchor-arn', ANCHOR, '--profile-arn', PROFILE, '--role-arn', ROLE]), 3);
    expect(helper('fifo')).toBe('iamra: cannot read certificate: it is a named pipe, not a regular file (fifo). Check the path and its permissions.');
    expect(helper('/dev/null')).toBe('iamra: cannot read certificate: it is a device, not a regular file (/dev/null). Check the path and its permissions.');
  });

  it('emulator --roles FIFO', () => {
    const line = expectUserError(iamra(dir, ['emulator', '--port', '0', '--roles', 'fifo']), 3);
    expect(line).toBe('iamra: cannot read --roles file: it is a named pipe, not a regular file (fifo). Check the path.');
  });
});
