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

  /** `bound`: the most credentials kept; a prune brings them down to 90% of it. */
  constructor(private readonly bound = MAX_ISSUED) {}

  get size(): number {
    return this.byKey.size;
  }

  remember(entry: CredentialSetEntry, nowMs: number): void {
    if (this.byKey.size >= this.bound) this.prune(nowMs);
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

  /**
   * Drops expired credentials, then the oldest down to 90% of the bound: the scan of every entry
   * then runs once per tenth of the bound, not on every session once the bound is reached.
   */
  private prune(nowMs: number): void {
    for (const [key, credential] of this.byKey) if (credential.expiresAtMs <= nowMs) this.byKey.delete(key);
    const lowWater = Math.floor(this.bound * 0.9);
    for (const key of this.byKey.keys()) {
      if (this.byKey.size <= lowWater) break;
      this.byKey.delete(key);
    }
  }
}
