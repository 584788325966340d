// CreateSession step 6 (roles-anywhere.md §1.4, §2, §3.3): the trust anchor, the end-entity
// rules, a path through at most five intermediates to an anchor certificate, validity periods
// and the anchor's enabled CRLs.
import { keyRefusalReason, type KeyAcceptanceOptions } from '../../../keys/key-acceptance.js';
import { isStrongSignatureAlgorithm } from '../../../x509/algorithms.js';
import { hasKeyUsage, KEY_USAGE } from '../../../x509/key-usage.js';
import { accessDenied, SESSION_MESSAGES, type EmulatorServiceError } from '../../errors.js';
import type { TrustAnchorRecord } from '../../state/state-store.js';
import { certificateKeyDescription, type ParsedCertificate } from '../../../x509/parsed-certificate.js';
import { caCertificateProblem } from '../anchor-certificates.js';
import { idFromArn, type ServiceContext } from '../service-context.js';
import type { SessionCaches } from './session-caches.js';
import { MAX_CHAIN_CERTIFICATES } from '../../../roles-anywhere/service-limits.js';


export interface TrustedPath {
  anchor: Readonly<TrustAnchorRecord>;
  /** Leaf first, then intermediates, then the anchor certificate. */
  path: ParsedCertificate[];
}

function untrusted(detail: string): EmulatorServiceError {
  return accessDenied(SESSION_MESSAGES.untrustedCertificate, detail);
}

export async function findTrustAnchor(ctx: ServiceContext, trustAnchorArn: string | undefined): Promise<Readonly<TrustAnchorRecord>> {
  const id = trustAnchorArn === undefined ? undefined : idFromArn(ctx, 'trust-anchor', trustAnchorArn);
  const anchor = id === undefined ? undefined : await ctx.store.get('trustAnchor', id);
  if (!anchor) {
    throw accessDenied(SESSION_MESSAGES.trustAnchorNotFound, `no trust anchor ${trustAnchorArn ?? '(none given)'} in ${ctx.account}/${ctx.region}`);
  }
  if (!anchor.enabled) throw untrusted(`trust anchor ${anchor.trustAnchorArn} is disabled`);
  return anchor;
}

/** Why a certificate cannot authenticate (roles-anywhere.md §2), or undefined. */
export function endEntityProblem(leaf: ParsedCertificate, keyAcceptance: KeyAcceptanceOptions): string | undefined {
  const f = leaf.fields;
  if (f.version !== 3) return `the certificate is X.509 v${f.version}, not v3`;
  if (f.basicConstraints?.isCa) return 'the certificate is a CA (basicConstraints CA:true)';
  if (!hasKeyUsage(f.keyUsage, KEY_USAGE.digitalSignature)) return 'keyUsage lacks digitalSignature';
  if (!isStrongSignatureAlgorithm(f.signatureAlgorithmOid)) return `signature algorithm ${f.signatureAlgorithmOid} is weaker than SHA-256`;
  if (f.subject.length === 0) return 'the subject is empty';
  if (f.isSerialNegative) return 'the serial number is negative';
  return keyRefusalReason(certificateKeyDescription(leaf), 'emulator', keyAcceptance);
}

export function buildTrustedPath(
  ctx: Pick<ServiceContext, 'keyAcceptance' | 'now'>,
  caches: SessionCaches,
  input: { anchor: Readonly<TrustAnchorRecord>; leaf: ParsedCertificate; chainBase64: readonly string[] },
): TrustedPath {
  const problem = endEntityProblem(input.leaf, ctx.keyAcceptance);
  if (problem !== undefined) throw untrusted(problem);
  if (input.chainBase64.length > MAX_CHAIN_CERTIFICATES) {
    throw untrusted(`X-Amz-X509-Chain has ${input.chainBase64.length} certificates (at most ${MAX_CHAIN_CERTIFICATES})`);
  }
  const intermediates = input.chainBase64.map((b64, i) => {
    try {
      return caches.certificate(b64);
    } catch {
      throw untrusted(`certificate ${i + 1} of X-Amz-X509-Chain does not parse`);
    }
  });
  const anchors = caches.anchorCertificates(input.anchor, ctx.keyAcceptance);
  const path = [input.leaf];
  for (;;) {
    // Non-null: path starts with the leaf and only grows, so it is never empty.
    const current = path[path.length - 1]!;
    // An anchor may itself be an intermediate CA that the client also sent in its chain.
    if (path.length > 1 && anchors.some((a) => a.id === current.id)) break;
    const root = anchors.find((a) => caches.isIssuedBy(current, a));
    if (root) {
      path.push(root);
      break;
    }
    const next = intermediates.find((c) => !path.includes(c) && caches.isIssuedBy(current, c));
    if (!next || path.length > MAX_CHAIN_CERTIFICATES) {
      throw untrusted(`no path from ${describe(current)} to a certificate of trust anchor ${input.anchor.trustAnchorArn}`);
    }
    path.push(next);
  }
  checkPath(ctx, path);
  return { anchor: input.anchor, path };
}

function checkPath(ctx: Pick<ServiceContext, 'keyAcceptance' | 'now'>, path: readonly ParsedCertificate[]): void {
  const now = ctx.now();
  path.forEach((certificate, index) => {
    const { notBefore, notAfter } = certificate.fields;
    if (now < notBefore) throw untrusted(`${describe(certificate)} is not valid before ${notBefore.toISOString()}`);
    if (now > notAfter) throw untrusted(`${describe(certificate)} expired at ${notAfter.toISOString()}`);
    if (index === 0) return;
    const problem = caCertificateProblem(certificate, ctx.keyAcceptance);
    if (problem !== undefined) throw untrusted(`${describe(certificate)}: ${problem}`);
    const pathLength = certificate.fields.basicConstraints?.pathLength;
    const below = index - 1;
    if (pathLength !== undefined && below > pathLength) {
      throw untrusted(`${describe(certificate)} allows ${pathLength} intermediates below it, the path has ${below}`);
    }
  });
}

/** Checks every certificate of the path against the anchor's enabled CRLs. */
export async function checkRevocation(ctx: ServiceContext, caches: SessionCaches, trusted: TrustedPath): Promise<void> {
  const crls = (await ctx.store.list('crl')).filter((c) => c.enabled && c.trustAnchorArn === trusted.anchor.trustAnchorArn);
  if (crls.length === 0) return;
  const now = ctx.now();
  for (let i = 0; i + 1 < trusted.path.length; i++) {
    // Non-null: i + 1 < path.length in this loop, so both certificates exist.
    const certificate = trusted.path[i]!;
    // Non-null: i + 1 < path.length in this loop.
    const issuer = trusted.path[i + 1]!;
    for (const record of crls) {
      const crl = caches.crl(record);
      if (!caches.isCrlSignedBy(crl, issuer)) continue;
      if (crl.revokedSerials.has(certificate.fields.serialHex)) {
        throw accessDenied(SESSION_MESSAGES.revoked, `${describe(certificate)} is listed in CRL ${record.crlArn}`);
      }
      if (ctx.crlNextUpdate === 'fail-closed' && crl.nextUpdate !== undefined && crl.nextUpdate < now) {
        throw untrusted(`CRL ${record.crlArn} is past its nextUpdate ${crl.nextUpdate.toISOString()} (fail-closed)`);
      }
    }
  }
}

function describe(certificate: ParsedCertificate): string {
  return `certificate ${certificate.fields.serialHex} (${certificate.x509.subject.replace(/\n/g, ', ')})`;
}
