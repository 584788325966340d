// Reads a private key (PEM or DER: PKCS#1, SEC1, PKCS#8, encrypted PKCS#8 with PBKDF2/scrypt and
// AES-CBC, legacy encrypted PEM; also the key block of a combined certificate+key PEM) into a
// SigningKey, refusing key types Roles Anywhere cannot use.
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { InputError } from '../errors.js';
import { decodePemBlocks, isPem, type PemBlock } from '../x509/pem.js';
import { decryptPkcs8 } from './decrypt-pkcs8.js';
import { decideKeyAcceptance, type KeyConsumer, type KeyDecision, type KeyDescription } from './key-acceptance.js';
import { privateKeyBlocks } from './pem-labels.js';
import { UnsupportedAlgorithmError } from './pkcs12/pbe-decrypt.js';
import { signingKeyFromKeyObject, type SigningKey } from './signing-key.js';

export interface LoadPrivateKeyInput {
  /** File contents. */
  data: Buffer;
  /** Shown in messages (a path, never the key). */
  source: string;
  passphrase?: string;
  /** What to tell the user to do when a passphrase is needed, e.g. "Pass --pkcs8-password". */
  passphraseHint?: string;
  /** Whose key-acceptance rules apply (keys/key-acceptance.ts). @default 'ca' */
  consumer?: KeyConsumer;
}

const ENCRYPTED_PEM = /-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type: 4,ENCRYPTED/;

export function isEncryptedKey(data: Buffer): boolean {
  if (!isPem(data)) return isEncryptedPkcs8Der(data);
  const block = privateKeyBlocks(decodePemBlocks(data.toString('latin1')))[0];
  return block !== undefined && ENCRYPTED_PEM.test(block.text);
}

/** EncryptedPrivateKeyInfo starts SEQUENCE { SEQUENCE { OID ...; a PrivateKeyInfo with INTEGER. */
export function isEncryptedPkcs8Der(data: Buffer): boolean {
  if (data[0] !== 0x30) return false;
  // Non-null: data[0] exists (checked above); for a one-byte input data[1] is undefined, undefined & 0x80 is 0, and the answer is still false.
  const lengthBytes = data[1]! & 0x80 ? (data[1]! & 0x7f) + 2 : 2;
  return data[lengthBytes] === 0x30;
}

/** Parses the key into a KeyObject; errors are InputErrors with a clear message. */
export function parsePrivateKey(input: LoadPrivateKeyInput): KeyObject {
  const { source, passphrase } = input;
  const pem = isPem(input.data);
  const block = pem ? keyBlock(input.data, source) : undefined;
  const encrypted = block ? ENCRYPTED_PEM.test(block.text) : isEncryptedPkcs8Der(input.data);
  const hint = input.passphraseHint ?? 'Provide the passphrase';
  if (encrypted && (passphrase === undefined || passphrase === '')) {
    throw new InputError('KEY_PASSPHRASE_REQUIRED', `cannot read private key ${source}: it is encrypted and no passphrase was given. ${hint}.`);
  }
  let key: KeyObject;
  try {
    key = block ? createPemKey(block, passphrase) : createDerKey(input.data, encrypted ? passphrase : undefined);
  } catch (error) {
    if (error instanceof UnsupportedAlgorithmError) {
      throw new InputError('KEY_UNSUPPORTED', `cannot read private key ${source}: encryption algorithm ${error.algorithm} is not supported. Re-encrypt it with openssl pkcs8 -topk8 -v2 aes-256-cbc.`, { cause: error });
    }
    if (encrypted) {
      throw new InputError('KEY_WRONG_PASSPHRASE', `cannot read private key ${source}: wrong passphrase or damaged key. Check the passphrase.`, { cause: error });
    }
    throw new InputError('KEY_MALFORMED', `cannot read private key ${source}: not a PEM or DER private key (PKCS#1, SEC1 or PKCS#8). Check the file.`, { cause: error });
  }
  assertUsableKey(key, source, input.consumer ?? 'ca');
  return key;
}

/** The first private-key block, so a combined PEM (certificates and key) reads like a key file. */
function keyBlock(data: Buffer, source: string): PemBlock {
  const block = privateKeyBlocks(decodePemBlocks(data.toString('latin1')))[0];
  if (!block) {
    throw new InputError('KEY_MALFORMED', `cannot read private key ${source}: the file holds no PEM private key block. Give a PKCS#1, SEC1 or PKCS#8 key, or a PEM holding one.`);
  }
  if (block.label === 'OPENSSH PRIVATE KEY') {
    throw new InputError('KEY_UNSUPPORTED', `unsupported key ${source}: OpenSSH key format. Convert it with ssh-keygen -p -m PKCS8.`);
  }
  return block;
}

/** Encrypted PKCS#8 goes through our own PBES2 code; legacy `Proc-Type` PEM stays with the runtime (it reads it). */
function createPemKey(block: PemBlock, passphrase: string | undefined): KeyObject {
  if (block.label === 'ENCRYPTED PRIVATE KEY') return createDerKey(block.der, passphrase);
  return createPrivateKey({ key: block.text, format: 'pem', passphrase });
}

function createDerKey(data: Buffer, passphrase: string | undefined): KeyObject {
  if (passphrase !== undefined) {
    const plain = decryptPkcs8(data, passphrase);
    if (!plain) throw new Error('bad padding after decryption');
    return createPrivateKey({ key: plain, format: 'der', type: 'pkcs8' });
  }
  const attempts: Array<() => KeyObject> = [
    () => createPrivateKey({ key: data, format: 'der', type: 'pkcs8' }),
    () => createPrivateKey({ key: data, format: 'der', type: 'pkcs1' }),
    () => createPrivateKey({ key: data, format: 'der', type: 'sec1' }),
  ];
  let last: unknown;
  for (const attempt of attempts) {
    try {
      return attempt();
    } catch (error) {
      last = error;
    }
  }
  throw last;
}

/**
 * Refuses what `consumer` may not use under the key-acceptance policy (RSA below 2048 bits, DSA,
 * Ed25519/Ed448, other curves); returns the decision, whose verdict may be `warn`.
 */
export function assertUsableKey(key: KeyDescription, source: string, consumer: KeyConsumer): KeyDecision {
  const decision = decideKeyAcceptance(key, consumer);
  const { problem } = decision;
  if (decision.verdict !== 'refuse' || !problem) return decision;
  switch (problem.kind) {
    case 'rsa-size':
      throw new InputError('KEY_UNSUPPORTED', `unsupported key ${source}: RSA ${problem.bits} bits is below the ${problem.minimumBits}-bit minimum. Use RSA 2048+ or EC P-256/P-384.`);
    case 'curve':
      throw new InputError('KEY_UNSUPPORTED', `unsupported key ${source}: EC curve ${problem.curve ?? 'unknown'} is not supported. Use P-256, P-384 or P-521.`);
    case 'key-type':
      throw new InputError('KEY_UNSUPPORTED', `unsupported key ${source}: ${problem.keyType ?? 'unknown'} keys cannot be used with Roles Anywhere. Use RSA 2048+ or EC P-256/P-384.`);
  }
}

export function loadPrivateKey(input: LoadPrivateKeyInput): SigningKey {
  const privateKey = parsePrivateKey(input);
  return signingKeyFromKeyObject(privateKey, createPublicKey(privateKey));
}
