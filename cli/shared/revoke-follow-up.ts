// What `revoke` may do once the revocation is recorded (publishing adds `--publish`). The CA
// commands take it as a parameter, so cli/ca and cli/publish never import each other.
import type { Command } from 'commander';
import type { OpenCa } from '../../ca/open-ca.js';

export interface PendingFollowUp {
  /** Runs after the revocation; returns what to print (JSON text with `json`). */
  run(options?: { json: boolean }): Promise<string>;
  close(): Promise<void>;
}

export interface RevokeFollowUp {
  addOptions(command: Command): Command;
  /** Undefined when the flags ask for nothing. Throws, before any revocation, when it could not work. */
  prepare(ca: OpenCa, flags: Record<string, unknown>): Promise<PendingFollowUp | undefined>;
}
