// One revoked-certificate entry of a CRL (RFC 5280 §5.1.2.6) and its reason codes (§5.3.1), the
// same shape whether the CA writes it or a reader reads it back.

export const REVOCATION_REASONS = {
  unspecified: 0,
  keyCompromise: 1,
  cACompromise: 2,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
  certificateHold: 6,
  removeFromCRL: 8,
  privilegeWithdrawn: 9,
  aACompromise: 10,
} as const;

export type RevocationReason = keyof typeof REVOCATION_REASONS;

export interface CrlEntry {
  /** Lower-case hex in whole bytes without leading zero bytes (`0a1b`), as the store keeps serials. */
  serialHex: string;
  revokedAt: Date;
  /** `unspecified` when the entry has no reasonCode extension. */
  reason: RevocationReason;
}

const REASON_BY_CODE: ReadonlyMap<number, RevocationReason> = new Map(
  Object.entries(REVOCATION_REASONS).map(([name, code]) => [code, name as RevocationReason]),
);

/** The reason named by a CRLReason code, or undefined for a code RFC 5280 does not define. */
export function revocationReasonOf(code: number): RevocationReason | undefined {
  return REASON_BY_CODE.get(code);
}
