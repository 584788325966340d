// CreateSession authentication, steps 1-5 of roles-anywhere.md §1.4: Authorization and scope,
// X-Amz-X509 and its serial, the signed-header rules, the signature over the canonical request
// rebuilt with the SignedHeaders received, and the clock-skew window. Every failure is
// "Invalid signature", as the service answers.
import { verify } from 'node:crypto';
import { parseAmzDate } from '../../../credential-process/sigv4-x509/amz-date.js';
import { parseAuthorizationHeader, type AuthorizationFields } from '../../../credential-process/sigv4-x509/authorization-header.js';
import { payloadHash } from '../../../credential-process/sigv4-x509/canonical-request.js';
import { receivedCanonicalRequest } from '../../../credential-process/sigv4-x509/received-canonical-request.js';
import { ALGORITHM_ECDSA, ALGORITHM_MLDSA, ALGORITHM_RSA, HEADER_AUTHORIZATION, HEADER_DATE, HEADER_HOST, HEADER_X509, HEADER_X509_CHAIN, SCOPE_TERMINATOR, SERVICE_NAME } from '../../../credential-process/sigv4-x509/constants.js';
import { stringToSign } from '../../../credential-process/sigv4-x509/string-to-sign.js';
import { accessDenied, SESSION_MESSAGES, type EmulatorServiceError } from '../../errors.js';
import type { ParsedCertificate } from '../../../x509/parsed-certificate.js';
import type { ServiceContext } from '../service-context.js';
import type { SessionCaches } from './session-caches.js';
import { headerValue, type SessionRequest } from './session-request.js';

export interface VerifiedSignature {
  leaf: ParsedCertificate;
  /** The X-Amz-X509-Chain header's base64 certificates (unparsed), in the order sent. */
  chainBase64: string[];
  signedAt: Date;
}

const KEY_TYPES: Readonly<Record<string, string>> = { [ALGORITHM_RSA]: 'rsa', [ALGORITHM_ECDSA]: 'ec', [ALGORITHM_MLDSA]: 'ml-dsa' };

/** `rsa`, `ec` or `ml-dsa`: what the signing algorithm must fit ("MUST be supported by the key type"). */
function keyKind(leaf: ParsedCertificate): string {
  return leaf.mlDsa ? 'ml-dsa' : leaf.publicKey?.asymmetricKeyType ?? 'unknown';
}
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const REQUIRED_SIGNED = [HEADER_HOST, HEADER_DATE, HEADER_X509];

function deny(detail: string): EmulatorServiceError {
  return accessDenied(SESSION_MESSAGES.invalidSignature, detail);
}

export function verifySessionSignature(ctx: ServiceContext, caches: SessionCaches, request: SessionRequest): VerifiedSignature {
  const auth = readAuthorization(request);
  const signedAt = checkScope(ctx, request, auth);
  const leaf = readLeaf(caches, request, auth);
  const chain = headerValue(request, HEADER_X509_CHAIN);
  const signed = auth.signedHeaders.split(';');
  for (const name of chain === undefined ? REQUIRED_SIGNED : [...REQUIRED_SIGNED, HEADER_X509_CHAIN]) {
    if (!signed.includes(name)) throw deny(`${name} is not in SignedHeaders (${auth.signedHeaders})`);
  }
  if (chain !== undefined && chain.trim() === '') throw deny('the X-Amz-X509-Chain header is empty');
  const missing = signed.find((name) => !request.headers.has(name));
  if (missing !== undefined) throw deny(`signed header ${missing} is not in the request`);
  checkSignature(ctx, request, auth, leaf);
  const skewMs = Math.abs(ctx.now().getTime() - signedAt.getTime());
  if (skewMs > ctx.clockSkewSeconds * 1000) {
    throw deny(`X-Amz-Date is ${Math.round(skewMs / 1000)} s from the emulator's clock (allowed: ${ctx.clockSkewSeconds} s)`);
  }
  const chainBase64 = chain === undefined ? [] : chain.split(',').map((part) => part.trim());
  return { leaf, chainBase64, signedAt };
}

function readAuthorization(request: SessionRequest): AuthorizationFields {
  const header = headerValue(request, HEADER_AUTHORIZATION);
  if (header === undefined) throw deny('no Authorization header');
  const auth = parseAuthorizationHeader(header);
  if (!auth) throw deny('the Authorization header is not "ALGORITHM Credential=..., SignedHeaders=..., Signature=..."');
  if (!(auth.algorithm in KEY_TYPES)) throw deny(`unsupported algorithm ${auth.algorithm}`);
  return auth;
}

function checkScope(ctx: ServiceContext, request: SessionRequest, auth: AuthorizationFields): Date {
  const [date, region, service, terminator, ...rest] = auth.scope.split('/');
  if (rest.length > 0 || service !== SERVICE_NAME || terminator !== SCOPE_TERMINATOR) {
    throw deny(`credential scope ${auth.scope} is not DATE/REGION/${SERVICE_NAME}/${SCOPE_TERMINATOR}`);
  }
  if (region !== ctx.region) throw deny(`credential scope region ${region} is not the emulator's region ${ctx.region}`);
  const amzDate = headerValue(request, HEADER_DATE);
  const signedAt = amzDate === undefined ? undefined : parseAmzDate(amzDate);
  if (!signedAt) throw deny(`X-Amz-Date ${JSON.stringify(amzDate ?? null)} is not YYYYMMDDTHHMMSSZ`);
  // Non-null: signedAt is defined only when amzDate was, as checked on the line above.
  if (amzDate!.slice(0, 8) !== date) throw deny(`credential scope date ${date} is not the date of X-Amz-Date ${amzDate}`);
  return signedAt;
}

function readLeaf(caches: SessionCaches, request: SessionRequest, auth: AuthorizationFields): ParsedCertificate {
  const header = headerValue(request, HEADER_X509);
  if (header === undefined || !BASE64.test(header)) throw deny('X-Amz-X509 is missing or not base64');
  let leaf: ParsedCertificate;
  try {
    leaf = caches.certificate(header);
  } catch {
    throw deny('X-Amz-X509 is not a DER certificate');
  }
  const serial = BigInt(`0x${leaf.fields.serialHex}`);
  if (!/^\d+$/.test(auth.serialDecimal) || BigInt(auth.serialDecimal) !== serial) {
    throw deny(`Credential serial ${auth.serialDecimal} is not the certificate's serial ${serial}`);
  }
  if (keyKind(leaf) !== KEY_TYPES[auth.algorithm]) {
    throw deny(`algorithm ${auth.algorithm} does not fit the certificate's ${leaf.mlDsa?.parameters.name ?? keyKind(leaf)} key`);
  }
  return leaf;
}

function checkSignature(ctx: ServiceContext, request: SessionRequest, auth: AuthorizationFields, leaf: ParsedCertificate): void {
  const canonical = receivedCanonicalRequest({
    ...request,
    headers: Object.fromEntries(request.headers),
    signedHeaders: auth.signedHeaders,
    payloadHash: payloadHash(request.body),
  });
  // Non-null: checkScope ran first and refused a request without X-Amz-Date.
  const amzDate = headerValue(request, HEADER_DATE)!;
  const toSign = stringToSign({ algorithm: auth.algorithm, amzDate, scope: auth.scope, canonicalRequest: canonical });
  if (!/^(?:[0-9a-f]{2})+$/.test(auth.signature)) throw deny('Signature is not lower-case hex');
  let isValid = false;
  try {
    const message = Buffer.from(toSign, 'utf8');
    const signature = Buffer.from(auth.signature, 'hex');
    // ML-DSA signs the StringToSign itself (pure, empty context); RSA and ECDSA sign its SHA-256.
    isValid = leaf.mlDsa
      ? ctx.mlDsa.verify(leaf.mlDsa.parameters.name, leaf.mlDsa.publicKey, message, signature)
      // Non-null: a certificate without an ML-DSA key is RSA or EC, whose KeyObject parseCertificate made.
      : verify('sha256', message, leaf.publicKey!, signature);
  } catch {
    isValid = false;
  }
  if (!isValid) throw deny('the signature does not verify over the canonical request rebuilt from the SignedHeaders received');
}
