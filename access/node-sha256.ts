// The hash constructor @smithy/signature-v4 takes, on Node's crypto: SHA-256, or HMAC-SHA256 with a key.
import { createHash, createHmac } from 'node:crypto';

export class NodeSha256 {
  private readonly hash;
  constructor(secretKey?: unknown) {
    this.hash = secretKey ? createHmac('sha256', secretKey as Buffer) : createHash('sha256');
  }
  update(data: Uint8Array | string): void {
    this.hash.update(data);
  }
  async digest(): Promise<Uint8Array> {
    return this.hash.digest();
  }
}
