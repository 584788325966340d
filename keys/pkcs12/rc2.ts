// RC2-CBC decryption (RFC 2268), only for the pbeWithSHAAnd40BitRC2-CBC certificate bags that
// `openssl pkcs12 -legacy` and older tools write; Node's OpenSSL 3 has no RC2 without the legacy provider.

// PITABLE of RFC 2268 §2: a permutation of 0..255 derived from the digits of pi.
const PITABLE = Buffer.from(
  'd978f9c419ddb5ed28e9fd794aa0d89dc67e37832b76538e624c6488448bfba2179a59f587b34f1361456d8d09817d32bd8f40eb86b77b0bf09521225c6b4e8254d66593ce60b21c7356c014a78cf1dc1275ca1f3bbee4d1423dd430a33cb6266fbf0eda4669075727f21d9bbc944303f811c7f690ef3ee706c3d52fc8661ed708e8eade8052eef784aa72ac354d6a2a961ad2715a1549744b9fd05e0418a4ecc2e0416e0f51cbcc2491af50a1f47039997c3a8523b8b47afc02365b25559731' +
    '2d5dfa98e38a92ae05df2910676cbac9d300e6cfe19ea82c6316013f58e289a90d38341bab33ffb0bb480c5fb9b1cd2ec5f3db47e5a59c770aa62068fe7fc1ad',
  'hex',
);

/** Key expansion (RFC 2268 §2): 64 16-bit words from a key of any length and effective bits. */
export function expandRc2Key(key: Buffer, effectiveBits: number): Uint16Array {
  const L = Buffer.alloc(128);
  key.copy(L);
  const T = key.length;
  const T8 = Math.ceil(effectiveBits / 8);
  const TM = 0xff >> (8 * T8 - effectiveBits);
  // Non-null: L has 128 bytes and 0 <= i - T < i < 128; PITABLE has 256 entries, indexed by a byte.
  for (let i = T; i < 128; i++) L[i] = PITABLE[(L[i - 1]! + L[i - T]!) & 0xff]!;
  // Non-null: 1 <= T8 <= 128, and PITABLE has 256 entries, indexed by a byte.
  L[128 - T8] = PITABLE[L[128 - T8]! & TM]!;
  // Non-null: i + T8 <= 127 and i + 1 <= 128 - T8; PITABLE has 256 entries, indexed by a byte.
  for (let i = 127 - T8; i >= 0; i--) L[i] = PITABLE[L[i + 1]! ^ L[i + T8]!]!;
  const K = new Uint16Array(64);
  // Non-null: L has 128 bytes and 2 * i + 1 <= 127.
  for (let i = 0; i < 64; i++) K[i] = L[2 * i]! | (L[2 * i + 1]! << 8);
  return K;
}

const ROTATIONS = [1, 2, 3, 5];

function decryptBlock(K: Uint16Array, block: Buffer): Buffer {
  // Non-null: blocks are 8 bytes and 2 * i + 1 <= 7.
  const R = [0, 1, 2, 3].map((i) => block[2 * i]! | (block[2 * i + 1]! << 8));
  let j = 63;
  const mixRound = (): void => {
    for (let i = 3; i >= 0; i--) {
      // Non-null: ROTATIONS and R have four entries and 0 <= i <= 3; K has 64 words, j counts 63 down to 0.
      const s = ROTATIONS[i]!;
      // Non-null: ROTATIONS and R have four entries and 0 <= i <= 3; K has 64 words, j counts 63 down to 0.
      R[i] = ((R[i]! << (16 - s)) | (R[i]! >> s)) & 0xffff;
      // Non-null: ROTATIONS and R have four entries and 0 <= i <= 3; K has 64 words, j counts 63 down to 0.
      R[i] = (R[i]! - K[j--]! - (R[(i + 3) % 4]! & R[(i + 2) % 4]!) - (~R[(i + 3) % 4]! & R[(i + 1) % 4]!)) & 0xffff;
    }
  };
  const mashRound = (): void => {
    // Non-null: R has four entries, indices are taken mod 4, and K is indexed & 63 within its 64 words.
    for (let i = 3; i >= 0; i--) R[i] = (R[i]! - K[R[(i + 3) % 4]! & 63]!) & 0xffff;
  };
  for (let n = 0; n < 5; n++) mixRound();
  mashRound();
  for (let n = 0; n < 6; n++) mixRound();
  mashRound();
  for (let n = 0; n < 5; n++) mixRound();
  const out = Buffer.alloc(8);
  R.forEach((word, i) => out.writeUInt16LE(word, 2 * i));
  return out;
}

/** Decrypts one ECB block; exported for the RFC 2268 known-answer tests. */
export function rc2DecryptBlock(key: Buffer, effectiveBits: number, block: Buffer): Buffer {
  return decryptBlock(expandRc2Key(key, effectiveBits), block);
}

/** RC2-CBC decryption with PKCS#7 padding removed; undefined when the padding is wrong. */
export function rc2CbcDecrypt(key: Buffer, effectiveBits: number, iv: Buffer, data: Buffer): Buffer | undefined {
  if (data.length === 0 || data.length % 8 !== 0) return undefined;
  const K = expandRc2Key(key, effectiveBits);
  const out = Buffer.alloc(data.length);
  let previous = iv;
  for (let off = 0; off < data.length; off += 8) {
    const block = data.subarray(off, off + 8);
    const plain = decryptBlock(K, block);
    // Non-null: the plain block and the previous block (IV or ciphertext) are 8 bytes each.
    for (let i = 0; i < 8; i++) out[off + i] = plain[i]! ^ previous[i]!;
    previous = block;
  }
  // Non-null: an empty or partial-block input was refused at the top, so out has a last byte.
  const pad = out[out.length - 1]!;
  if (pad < 1 || pad > 8 || out.subarray(out.length - pad).some((b) => b !== pad)) return undefined;
  return out.subarray(0, out.length - pad);
}
