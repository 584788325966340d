// `iamra sign-string` (official-helper.md §1.2): signs the helper's fixed test string
// "AWS Roles Anywhere Credential Helper Signing Test" || "1" || SHA256("IAM RA" || public key)
// to check that a key works; prints the signature as json (quoted hex), text (hex) or bin.
import { createHash } from 'node:crypto';
import { UsageError } from '../../errors.js';
import { isEncryptedKey } from '../../keys/load-private-key.js';
import { loadSigningKey } from '../../keys/load-signing-key.js';
import type { Digest, SigningKey } from '../../keys/signing-key.js';
import { formatHelp, parseFlags, refuseUnsupported } from '../args/flag-parser.js';
import { isPkcs11Uri } from '../../keys/pkcs11/pkcs11-uri.js';
import { SIGN_STRING_FLAGS, type SignStringFlags } from '../args/flags.js';
import type { HelperContext } from '../context.js';
import { resolvePkcs8Password } from '../pkcs8-password.js';
import { looksLikePkcs12, openIdentity, readInput, warnIfWeak } from '../identity.js';

const SUMMARY = 'Signs a fixed string using the passed-in private key';
const FIXED_PREFIX = 'AWS Roles Anywhere Credential Helper Signing Test';
const TEST_VERSION = '1';
const DIGESTS: Record<string, Digest> = { SHA256: 'sha256', SHA384: 'sha384', SHA512: 'sha512' };
const FORMATS = ['json', 'text', 'bin'];

/**
 * The public key bytes the fixed string commits to: the uncompressed EC point, the PKCS#1 RSA key,
 * or the raw FIPS 204 public key of an ML-DSA key.
 */
export function publicKeyBytes(key: SigningKey): Buffer {
  if (key.algorithm === 'ML-DSA') return key.publicKeyBytes;
  const { publicKey } = key;
  if (publicKey.asymmetricKeyType === 'rsa') return publicKey.export({ type: 'pkcs1', format: 'der' });
  const jwk = publicKey.export({ format: 'jwk' });
  // Non-null: an EC public key's JWK always has x and y.
  return Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x!, 'base64url'), Buffer.from(jwk.y!, 'base64url')]);
}

export function fixedStringToSign(key: SigningKey): Buffer {
  const digest = createHash('sha256').update('IAM RA').update(publicKeyBytes(key)).digest();
  return Buffer.concat([Buffer.from(FIXED_PREFIX + TEST_VERSION, 'utf8'), digest]);
}

export async function runSignString(argv: readonly string[], ctx: HelperContext): Promise<void> {
  const parsed = parseFlags('sign-string', SIGN_STRING_FLAGS, argv);
  if (parsed.isHelp) return ctx.stdout(formatHelp('sign-string', SUMMARY, SIGN_STRING_FLAGS));
  refuseUnsupported('sign-string', SIGN_STRING_FLAGS, parsed);
  const { flags } = parsed;
  const { format, digest: digestName } = flags;
  if (!FORMATS.includes(format)) {
    throw new UsageError('FLAG_VALUE_INVALID', `invalid --format: must be json, text or bin (${format}). Pass e.g. --format text.`);
  }
  const digest = DIGESTS[digestName];
  if (!digest) throw new UsageError('FLAG_VALUE_INVALID', `invalid --digest: must be SHA256, SHA384 or SHA512 (${digestName}). Pass e.g. --digest SHA256.`);
  const keyPath = flags['private-key'] || flags.certificate;
  if (!keyPath) throw new UsageError('MISSING_FLAG', 'missing flag: --private-key is required. Pass --private-key PATH.');
  const key = isPkcs11Uri(keyPath)
    ? await openTokenKey(keyPath, flags, ctx)
    : await loadKeyOnly(keyPath, resolvePkcs8Password({ password: flags['pkcs8-password'], passwordFile: flags['pkcs8-password-file'], env: ctx.env }), ctx);
  let signature: Buffer;
  try {
    signature = await key.sign(fixedStringToSign(key), digest);
  } finally {
    await key.close?.();
  }
  const hex = signature.toString('hex');
  ctx.stdout(format === 'bin' ? signature : format === 'text' ? hex : JSON.stringify(hex));
}

async function openTokenKey(uri: string, flags: SignStringFlags, ctx: HelperContext): Promise<SigningKey> {
  // Loaded only for a pkcs11: URI: it reaches the pkcs11js native addon.
  const { openPkcs11SigningKey } = await import('../../keys/pkcs11/pkcs11-signing-key.js');
  return openPkcs11SigningKey({ uri, modulePath: flags['pkcs11-lib'], isPinReused: flags['reuse-pin'], prompt: ctx.prompt });
}

async function loadKeyOnly(path: string, password: string | undefined, ctx: HelperContext): Promise<SigningKey> {
  const data = readInput(path, 'private key');
  if (looksLikePkcs12(data)) return (await openIdentity({ certificate: path, pkcs8Password: password }, { prompt: ctx.prompt, stderr: ctx.stderr })).loadKey();
  const passphrase = password || (isEncryptedKey(data) ? await ctx.prompt(`Enter the password of ${path}: `) : undefined);
  const key = await loadSigningKey({ data, source: path, passphrase, passphraseHint: 'Pass --pkcs8-password-file, set IAMRA_PKCS8_PASSWORD or run on a terminal to be prompted', consumer: 'helper' });
  warnIfWeak(key, path, ctx);
  return key;
}
