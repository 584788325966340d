// Certificates on a token (CKO_CERTIFICATE, CKA_VALUE): listed by URI, read without logging in.
import { X509Certificate, type KeyObject } from 'node:crypto';
import { InputError } from '../../errors.js';
import { publicKeysMatch } from '../certificate-chain.js';
import { openPkcs11Module, resolveModulePath } from './pkcs11-module.js';
import { findObjects, openSession, readAttributes } from './pkcs11-session.js';
import { findTokens } from './pkcs11-token.js';
import { parsePkcs11Uri, redactPkcs11Uri, type Pkcs11Uri } from './pkcs11-uri.js';

export interface TokenCertificate {
  certificate: X509Certificate;
  /** The certificate object's URI. */
  uri: string;
  tokenLabel: string;
}

export interface ListTokenCertificatesInput {
  uri: string;
  modulePath?: string;
  /** Ignore object= and id= (look at every certificate of the selected tokens). */
  isWholeToken?: boolean;
}

export async function listTokenCertificates(input: ListTokenCertificatesInput): Promise<TokenCertificate[]> {
  const uri = parsePkcs11Uri(input.uri);
  const shown = redactPkcs11Uri(input.uri);
  if (uri.type !== undefined && uri.type !== 'cert' && !input.isWholeToken) {
    throw new InputError('PKCS11_URI_INVALID', `invalid PKCS#11 URI: a certificate URI must have type=cert or no type, not type=${uri.type} (${shown}). Name the certificate.`);
  }
  const selector: Pkcs11Uri = input.isWholeToken ? { ...uri, object: undefined, id: undefined } : uri;
  const module = await openPkcs11Module(resolveModulePath({ flag: input.modulePath, uriModulePath: uri.modulePath }));
  try {
    const found: TokenCertificate[] = [];
    for (const token of findTokens(module, selector, shown)) {
      const session = openSession(module, token, { shown });
      try {
        for (const object of findObjects(session, selector, 'cert')) {
          const [der] = readAttributes(session, object.handle, [module.binding.CKA_VALUE]);
          if (!der) continue;
          found.push({ certificate: new X509Certificate(der), uri: object.uri, tokenLabel: token.label });
        }
      } finally {
        session.close();
      }
    }
    return found;
  } finally {
    module.close();
  }
}

/**
 * The certificate to use: the only one the URI names, else the only one whose public key is the
 * private key's; never every certificate on the token (the official helper's issue #174).
 */
export function chooseTokenCertificate(certificates: TokenCertificate[], publicKey: KeyObject | undefined, shown: string): TokenCertificate {
  const matching = publicKey ? certificates.filter((c) => publicKeysMatch(publicKey, c.certificate.publicKey)) : certificates;
  // Non-null: matching.length === 1 on this line.
  if (matching.length === 1) return matching[0]!;
  if (matching.length === 0) {
    const why = certificates.length && publicKey ? `none of the ${certificates.length} certificates found is for this key` : 'no certificate matches';
    throw new InputError('PKCS11_OBJECT_NOT_FOUND', `cannot find the certificate on the token: ${why} (${shown}). Check object= and id= in the --certificate URI, or pass a certificate file.`);
  }
  throw new InputError('PKCS11_OBJECT_AMBIGUOUS', `cannot choose the certificate: ${matching.length} certificates match: ${matching.map((c) => c.uri).join(' , ')} (${shown}). Add object= or id= to the --certificate URI to name one.`);
}
