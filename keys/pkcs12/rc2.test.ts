// RC2 known-answer vectors from RFC 2268 §5 (ECB blocks), decrypted back to their plaintext.
import { describe, expect, it } from 'vitest';
import { rc2CbcDecrypt, rc2DecryptBlock } from './rc2.js';

const VECTORS: Array<[key: string, effectiveBits: number, plaintext: string, ciphertext: string]> = [
  ['0000000000000000', 63, '0000000000000000', 'ebb773f993278eff'],
  ['ffffffffffffffff', 64, 'ffffffffffffffff', '278b27e42e2f0d49'],
  ['3000000000000000', 64, '1000000000000001', '30649edf9be7d2c2'],
  ['88', 64, '0000000000000000', '61a8a244adacccf0'],
  ['88bca90e90875a', 64, '0000000000000000', '6ccf4308974c267f'],
  ['88bca90e90875a7f0f79c384627bafb2', 64, '0000000000000000', '1a807d272bbe5db1'],
  ['88bca90e90875a7f0f79c384627bafb2', 128, '0000000000000000', '2269552ab0f85ca6'],
];

describe('RC2 (RFC 2268 vectors)', () => {
  for (const [key, bits, plaintext, ciphertext] of VECTORS) {
    it(`key ${key}, ${bits} effective bits`, () => {
      expect(rc2DecryptBlock(Buffer.from(key, 'hex'), bits, Buffer.from(ciphertext, 'hex')).toString('hex')).toBe(plaintext);
    });
  }

  it('CBC rejects bad padding and partial blocks instead of returning garbage', () => {
    expect(rc2CbcDecrypt(Buffer.alloc(5), 40, Buffer.alloc(8), Buffer.alloc(7))).toBeUndefined();
    expect(rc2CbcDecrypt(Buffer.alloc(5), 40, Buffer.alloc(8), Buffer.alloc(8))).toBeUndefined();
  });
});
