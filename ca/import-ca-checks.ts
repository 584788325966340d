// Preconditions of `ca import-cert`: the CA must be an intermediate still waiting for its certificate.
import { existsSync } from 'node:fs';
import { InputError } from '../errors.js';
import type { OpenCa } from './open-ca.js';

export function assertPendingIntermediate(ca: OpenCa): void {
  if (ca.certificate) throw new InputError('CA_ALREADY_ACTIVE', `cannot import a CA certificate into ${ca.paths.dir}: the CA already has ca.crt. Use a new --ca directory.`);
  if (!existsSync(ca.paths.csr)) throw new InputError('CA_NO_CSR', `cannot import a CA certificate into ${ca.paths.dir}: there is no ca.csr. Run "iamra ca init --intermediate" first.`);
}
