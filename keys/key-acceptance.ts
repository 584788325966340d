// The one key-acceptance policy (roles-anywhere.md §2: RSA of 2048 bits or more, EC P-256, P-384
// and P-521; ML-DSA-44/65/87 since 2026-02-27, issue 14): a table of key kinds with a decision per consumer, so the
// CA, the helper and the emulator read the same rules and differ only where a row says so.
import type { AsymmetricKeyDetails } from 'node:crypto';
import type { MlDsaKeyType } from '../x509/algorithms.js';

/** Who asks: the CA (CA keys and CSR keys), the credential helper, the emulator's certificate checks. */
export type KeyConsumer = 'ca' | 'helper' | 'emulator';

/** `opt-in`: refused unless the consumer was told to allow it (the emulator's --allow-rsa-1024). */
export type KeyVerdict = 'accept' | 'warn' | 'refuse' | 'opt-in';

export interface NamedCurve {
  /** Node's and OpenSSL's name (`asymmetricKeyDetails.namedCurve`). */
  namedCurve: string;
  /** NIST name, as users and AWS write it. */
  name: string;
  /** Our key-type name, as `--key-type` and `ca show` write it. */
  keyType: string;
  /** The digest whose strength matches the curve (RFC 5480 §4), used when signing with it. */
  digest: 'sha256' | 'sha384' | 'sha512';
  verdicts: Readonly<Record<KeyConsumer, KeyVerdict>>;
}

export interface RsaSize {
  /** The row applies to moduli of at least this many bits (and fewer than the row above). */
  minimumBits: number;
  verdicts: Readonly<Record<KeyConsumer, KeyVerdict>>;
}

const EVERYONE_ACCEPTS = { ca: 'accept', helper: 'accept', emulator: 'accept' } as const;

export const NAMED_CURVES: readonly NamedCurve[] = [
  { namedCurve: 'prime256v1', name: 'P-256', keyType: 'ec-p256', digest: 'sha256', verdicts: EVERYONE_ACCEPTS },
  { namedCurve: 'secp384r1', name: 'P-384', keyType: 'ec-p384', digest: 'sha384', verdicts: EVERYONE_ACCEPTS },
  { namedCurve: 'secp521r1', name: 'P-521', keyType: 'ec-p521', digest: 'sha512', verdicts: EVERYONE_ACCEPTS },
];

export interface MlDsaKind {
  /** Node's `asymmetricKeyType` (Node 24) and our key-type name. */
  keyType: MlDsaKeyType;
  /** FIPS 204 name, as the official helper prints it. */
  name: string;
  verdicts: Readonly<Record<KeyConsumer, KeyVerdict>>;
}

export const ML_DSA_KINDS: readonly MlDsaKind[] = [
  { keyType: 'ml-dsa-44', name: 'ML-DSA-44', verdicts: EVERYONE_ACCEPTS },
  { keyType: 'ml-dsa-65', name: 'ML-DSA-65', verdicts: EVERYONE_ACCEPTS },
  { keyType: 'ml-dsa-87', name: 'ML-DSA-87', verdicts: EVERYONE_ACCEPTS },
];

/**
 * What the policy reads of a key: a KeyObject, or `{ asymmetricKeyType: 'ml-dsa-65' }` for an
 * ML-DSA key Node 20 cannot hold as a KeyObject.
 */
export interface KeyDescription {
  asymmetricKeyType?: string;
  asymmetricKeyDetails?: AsymmetricKeyDetails;
}

/** Largest first; a modulus below the last row is refused by everyone. */
export const RSA_SIZES: readonly RsaSize[] = [
  { minimumBits: 2048, verdicts: EVERYONE_ACCEPTS },
  // The official helper signs with RSA-1024 (its fixtures use it, roles-anywhere.md §2): ours does
  // too, with a warning; the emulator takes it on request; the CA never issues it.
  { minimumBits: 1024, verdicts: { ca: 'refuse', helper: 'warn', emulator: 'opt-in' } },
];

/** Why a key is not (plainly) acceptable. */
export type KeyProblem =
  | { kind: 'rsa-size'; bits: number; minimumBits: number }
  | { kind: 'curve'; curve: string | undefined }
  | { kind: 'key-type'; keyType: string | undefined };

export interface KeyDecision {
  verdict: 'accept' | 'warn' | 'refuse';
  /** Set unless the verdict is `accept`. */
  problem?: KeyProblem;
}

export interface KeyAcceptanceOptions {
  /** Whether `opt-in` rows are accepted (the emulator's --allow-rsa-1024). @default false */
  isOptedIn?: boolean;
}

/** Decides whether `consumer` may use `key` (a public or private KeyObject, or an ML-DSA description). */
export function decideKeyAcceptance(key: KeyDescription, consumer: KeyConsumer, options: KeyAcceptanceOptions = {}): KeyDecision {
  const resolve = (verdict: KeyVerdict | undefined): KeyDecision['verdict'] => (verdict === 'opt-in' ? (options.isOptedIn ? 'accept' : 'refuse') : (verdict ?? 'refuse'));
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'rsa') {
    const bits = details.modulusLength ?? 0;
    const verdict = resolve(RSA_SIZES.find((row) => bits >= row.minimumBits)?.verdicts[consumer]);
    return verdict === 'accept' ? { verdict } : { verdict, problem: { kind: 'rsa-size', bits, minimumBits: minimumRsaBits(consumer, options) } };
  }
  if (key.asymmetricKeyType === 'ec') {
    const verdict = resolve(NAMED_CURVES.find((row) => row.namedCurve === details.namedCurve)?.verdicts[consumer]);
    return verdict === 'accept' ? { verdict } : { verdict, problem: { kind: 'curve', curve: details.namedCurve } };
  }
  const mlDsa = ML_DSA_KINDS.find((row) => row.keyType === key.asymmetricKeyType);
  if (mlDsa) {
    const verdict = resolve(mlDsa.verdicts[consumer]);
    return verdict === 'accept' ? { verdict } : { verdict, problem: { kind: 'key-type', keyType: key.asymmetricKeyType } };
  }
  return { verdict: 'refuse', problem: { kind: 'key-type', keyType: key.asymmetricKeyType } };
}

/** The smallest RSA modulus `consumer` takes without refusing. */
export function minimumRsaBits(consumer: KeyConsumer, options: KeyAcceptanceOptions = {}): number {
  const taken = RSA_SIZES.filter((row) => row.verdicts[consumer] !== 'refuse' && (row.verdicts[consumer] !== 'opt-in' || options.isOptedIn));
  return Math.min(...taken.map((row) => row.minimumBits));
}

/** The curve row for a named curve, if we know it. */
export function namedCurve(namedCurveName: string | undefined): NamedCurve | undefined {
  return NAMED_CURVES.find((row) => row.namedCurve === namedCurveName);
}

/** Why `consumer` refuses `key`, as a short phrase (e.g. `RSA key of 1024 bits, below 2048`), or undefined when it takes it. */
export function keyRefusalReason(key: KeyDescription, consumer: KeyConsumer, options: KeyAcceptanceOptions = {}): string | undefined {
  const decision = decideKeyAcceptance(key, consumer, options);
  if (decision.verdict !== 'refuse' || !decision.problem) return undefined;
  const { problem } = decision;
  switch (problem.kind) {
    case 'rsa-size':
      return `RSA key of ${problem.bits} bits, below ${problem.minimumBits}`;
    case 'curve':
      return `EC curve ${problem.curve ?? 'unknown'} is not ${NAMED_CURVES.map((row) => row.name).join(', ').replace(/, ([^,]*)$/, ' or $1')}`;
    case 'key-type':
      return `${problem.keyType ?? 'unknown'} keys are not supported`;
  }
}
