// The temporary credentials CreateSession issued, by access key id, so calls signed with them
// (STS GetCallerIdentity) can be verified. Kept in memory only: secrets never reach the state file,
// so issued credentials do not survive a restart.
import type { CredentialSetEntry } from '../session/issue-credentials.js';

export interface IssuedCredential {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiresAtMs: number;
  /** `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION` */
  assumedRoleArn: string;
  /** `AROA...:SESSION` */
  assumedRoleId: string;
  account: string;
}

const MAX_ISSUED = 20_000;

export class IssuedCredentials {
  private readonly byKey = new Map<string, IssuedCredential>();

  remember(entry: CredentialSetEntry, nowMs: number): void {
    if (this.byKey.size >= MAX_ISSUED) this.prune(nowMs);
    const account = /^arn:[^:]+:sts::(\d{12}):/.exec(entry.assumedRoleUser.arn)?.[1] ?? '';
    this.byKey.set(entry.credentials.accessKeyId, {
      accessKeyId: entry.credentials.accessKeyId,
      secretAccessKey: entry.credentials.secretAccessKey,
      sessionToken: entry.credentials.sessionToken,
      expiresAtMs: Date.parse(entry.credentials.expiration),
      assumedRoleArn: entry.assumedRoleUser.arn,
      assumedRoleId: entry.assumedRoleUser.assumedRoleId,
      account,
    });
  }

  find(accessKeyId: string): Readonly<IssuedCredential> | undefined {
    return this.byKey.get(accessKeyId);
  }

  /** Drops expired credentials, then the oldest while still over the bound. */
  private prune(nowMs: number): void {
    for (const [key, credential] of this.byKey) if (credential.expiresAtMs <= nowMs) this.byKey.delete(key);
    for (const key of this.byKey.keys()) {
      if (this.byKey.size < MAX_ISSUED) break;
      this.byKey.delete(key);
    }
  }
}
