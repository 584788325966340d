// CRL publishing commands (issue #5): `crl publish` and `crl status`, in the `crl` group.
import type { Command } from 'commander';
import { registerCrlPublish } from './crl-publish.js';
import { registerCrlStatus } from './crl-status.js';

export function registerPublishCommands(crl: Command): void {
  registerCrlPublish(crl);
  registerCrlStatus(crl);
}
