// Reads any private key the helper and the CA take: ML-DSA PKCS#8 (plain or PBES2-encrypted)
// through the lazily loaded ML-DSA engine (issue 14), everything else through Node's crypto.
// Encrypted PKCS#8 is decrypted here on primitives (keys/decrypt-pkcs8.ts), so an encrypted ML-DSA
// key with the right password is never reported as a wrong passphrase; a scheme that decryptor
// does not take goes to Node as before.
import { InputError } from '../errors.js';
import { decodePemBlocks, isPem } from '../x509/pem.js';
import { assertUsableKey, isEncryptedPkcs8Der, loadPrivateKey, type LoadPrivateKeyInput } from './load-private-key.js';
import { privateKeyBlocks } from './pem-labels.js';
import { DerError } from '../x509/der-reader.js';
import { decryptPkcs8 } from './decrypt-pkcs8.js';
import { UnsupportedAlgorithmError } from './pkcs12/pbe-decrypt.js';
import type { SigningKey } from './signing-key.js';

/** The key's DER and whether it is an EncryptedPrivateKeyInfo; undefined for PKCS#1, SEC1, legacy PEM. */
function pkcs8Der(data: Buffer): { der: Buffer; isEncrypted: boolean } | undefined {
  if (!isPem(data)) return { der: data, isEncrypted: isEncryptedPkcs8Der(data) };
  const block = privateKeyBlocks(decodePemBlocks(data.toString('latin1')))[0];
  if (block?.label === 'PRIVATE KEY') return { der: block.der, isEncrypted: false };
  if (block?.label === 'ENCRYPTED PRIVATE KEY' && block.isStrict) return { der: block.der, isEncrypted: true };
  return undefined;
}

/** The plain PrivateKeyInfo DER, or undefined when Node must handle the file as it is. */
function plainPkcs8(input: LoadPrivateKeyInput): Buffer | undefined {
  const found = pkcs8Der(input.data);
  if (!found) return undefined;
  if (!found.isEncrypted) return found.der;
  if (!input.passphrase) return undefined;
  let plain: Buffer | undefined;
  try {
    plain = decryptPkcs8(found.der, input.passphrase);
  } catch (error) {
    // Not ours to read (malformed, or a scheme we do not decrypt): the generic loader says why.
    if (error instanceof DerError || error instanceof UnsupportedAlgorithmError) return undefined;
    throw error;
  }
  if (plain === undefined) throw new InputError('KEY_WRONG_PASSPHRASE', `cannot read private key ${input.source}: wrong passphrase or damaged key. Check the passphrase.`);
  return plain;
}

/**
 * Any private key as a SigningKey: ML-DSA loads its engine (and @noble/post-quantum) only when the
 * key is ML-DSA, so RSA and EC keys keep the helper's start path on Node builtins.
 */
export async function loadSigningKey(input: LoadPrivateKeyInput): Promise<SigningKey> {
  const der = plainPkcs8(input);
  if (der === undefined) return loadPrivateKey(input);
  const { mlDsaPkcs8Parameters } = await import('./ml-dsa-key.js');
  const parameters = mlDsaPkcs8Parameters(der);
  if (!parameters) return loadPrivateKey({ ...input, data: der, passphrase: undefined });
  assertUsableKey({ asymmetricKeyType: parameters.keyType }, input.source, input.consumer ?? 'ca');
  const [{ parseMlDsaPrivateKey }, { mlDsaSigningKey }, { loadMlDsaEngine }] = await Promise.all([
    import('./ml-dsa-key.js'), import('./ml-dsa-signing-key.js'), import('../x509/ml-dsa-engine.js'),
  ]);
  const engine = await loadMlDsaEngine();
  return mlDsaSigningKey(parseMlDsaPrivateKey(der, input.source, engine), engine);
}
