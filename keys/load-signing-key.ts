// Reads any private key the helper and the CA take into a SigningKey: ML-DSA PKCS#8 (plain or
// PBES2-encrypted) through the lazily loaded ML-DSA engine, everything else through
// loadPrivateKey (Node's crypto). The ML-DSA code loads only when an ML-DSA key is met.
import { InputError } from '../errors.js';
import { mentionsMlDsa } from '../x509/ml-dsa.js';
import { decodePemBlocks, isPem } from '../x509/pem.js';
import { loadPrivateKey, type LoadPrivateKeyInput } from './load-private-key.js';
import type { MlDsaPrivateKey } from './ml-dsa-key.js';
import { privateKeyBlocks } from './pem-labels.js';
import { decryptPbes2, Pbes2DecryptError } from './pbes2-decrypt.js';
import type { SigningKey } from './signing-key.js';

/** The key's DER and whether it is an EncryptedPrivateKeyInfo, or undefined for legacy PEM forms. */
function pkcs8Der(data: Buffer): { der: Buffer; isEncrypted: boolean } | undefined {
  if (!isPem(data)) return { der: data, isEncrypted: isEncryptedPkcs8(data) };
  const block = privateKeyBlocks(decodePemBlocks(data.toString('latin1')))[0];
  if (block?.label === 'PRIVATE KEY') return { der: block.der, isEncrypted: false };
  if (block?.label === 'ENCRYPTED PRIVATE KEY') return { der: block.der, isEncrypted: true };
  return undefined;
}

function isEncryptedPkcs8(der: Buffer): boolean {
  if (der[0] !== 0x30) return false;
  const header = der[1]! & 0x80 ? (der[1]! & 0x7f) + 2 : 2;
  return der[header] === 0x30;
}

/** The ML-DSA private key in `input`, or undefined when it holds another kind of key. */
export async function readMlDsaPrivateKey(input: LoadPrivateKeyInput): Promise<MlDsaPrivateKey | undefined> {
  const found = pkcs8Der(input.data);
  if (!found) return undefined;
  let der = found.der;
  if (found.isEncrypted) {
    if (!input.passphrase) return undefined;
    const inner = decryptedOrUndefined(der, input.passphrase);
    if (!inner) return undefined;
    der = inner;
  }
  if (!mentionsMlDsa(der)) return undefined;
  const [{ mlDsaPkcs8Parameters, parseMlDsaPrivateKey }, { loadMlDsaEngine }] = await Promise.all([import('./ml-dsa-key.js'), import('../x509/ml-dsa-engine.js')]);
  if (!mlDsaPkcs8Parameters(der)) return undefined;
  return parseMlDsaPrivateKey(der, input.source, await loadMlDsaEngine());
}

function decryptedOrUndefined(der: Buffer, passphrase: string): Buffer | undefined {
  try {
    return decryptPbes2(der, passphrase);
  } catch (error) {
    if (error instanceof Pbes2DecryptError) return undefined;
    throw error;
  }
}

export async function loadSigningKey(input: LoadPrivateKeyInput): Promise<SigningKey> {
  const found = pkcs8Der(input.data);
  // Plain keys: check for ML-DSA first (cheap), so Node never sees a key it may not parse.
  if (found && !found.isEncrypted && mentionsMlDsa(found.der)) {
    const key = await readMlDsaPrivateKey(input);
    if (key) return mlDsaSigningKeyOf(key);
  }
  try {
    return loadPrivateKey(input);
  } catch (error) {
    // An encrypted ML-DSA key reads as a wrong passphrase (Node 20) or an unsupported key to Node.
    const code = error instanceof InputError ? error.code : '';
    if (found?.isEncrypted && (code === 'KEY_WRONG_PASSPHRASE' || code === 'KEY_UNSUPPORTED')) {
      const key = await readMlDsaPrivateKey(input);
      if (key) return mlDsaSigningKeyOf(key);
    }
    throw error;
  }
}

async function mlDsaSigningKeyOf(key: MlDsaPrivateKey): Promise<SigningKey> {
  const [{ mlDsaSigningKey }, { loadMlDsaEngine }] = await Promise.all([import('./ml-dsa-signing-key.js'), import('../x509/ml-dsa-engine.js')]);
  return mlDsaSigningKey(key, await loadMlDsaEngine());
}
