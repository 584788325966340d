// `ca import-cert --chain` (issue 9): every certificate of the chain is read strictly, is a CA,
// signs the one below it, and the chain ends at a root whose self-signature verifies, so a
// tampered root or intermediate (one flipped signature bit) is refused before anything is written.
import type { X509Certificate } from 'node:crypto';
import { InputError } from '../errors.js';
import { parseCertificateFields, type CertificateFields } from '../x509/certificate-fields.js';
import type { MlDsaEngine } from '../x509/ml-dsa-engine.js';
import { decodePemBlocks } from '../x509/pem.js';
import { readX509Certificate } from '../x509/read-x509-certificate.js';
import { readSignedParts } from '../x509/signed-parts.js';
import { verifyX509Signature } from '../x509/verify-x509-signature.js';
import { encodePem } from './x509/pem.js';

interface ChainLink {
  der: Buffer;
  fields: CertificateFields;
  x509: X509Certificate;
}

const oneLine = (link: ChainLink) => link.x509.subject.replace(/\n/g, ', ');

function chainError(source: string, why: string, todo: string, cause?: unknown): InputError {
  return new InputError('CA_CHAIN_INVALID', `cannot import CA chain ${source}: ${why}. ${todo}.`, cause === undefined ? undefined : { cause });
}

function readLink(der: Buffer, source: string, position: number): ChainLink {
  try {
    return { der, fields: parseCertificateFields(der), x509: readX509Certificate(der) };
  } catch (error) {
    const why = error instanceof Error ? ` (${error.message})` : '';
    throw chainError(source, `certificate #${position} cannot be parsed${why}`, 'Check the file', error);
  }
}

function isSignedBy(child: ChainLink, issuer: ChainLink, mlDsa: MlDsaEngine | undefined): boolean {
  if (!child.fields.issuerDer.equals(issuer.fields.subjectDer)) return false;
  return verifyX509Signature(readSignedParts(child.der), { subjectPublicKeyInfo: issuer.fields.subjectPublicKeyInfo }, mlDsa);
}

/** Checks the chain above `certificateDer`; returns it as the PEM to store in ca-chain.crt. */
export function checkCaChain(certificateDer: Buffer, chainPem: string, source: string, mlDsa: MlDsaEngine | undefined): string {
  const blocks = decodePemBlocks(chainPem).filter((b) => b.label === 'CERTIFICATE');
  if (blocks.length === 0) throw chainError(source, 'no PEM certificates found', "Give the issuer's certificate(s) as PEM");
  // A body that is not strict base64 is refused like one that does not parse.
  const chain = blocks.map((block, index) => readLink(block.isStrict ? block.der : Buffer.alloc(0), source, index + 1));
  let child: ChainLink = { der: certificateDer, fields: parseCertificateFields(certificateDer), x509: readX509Certificate(certificateDer) };
  for (const issuer of chain) {
    if (!issuer.fields.basicConstraints?.isCa) throw chainError(source, `${oneLine(issuer)} is not a CA (basicConstraints does not say CA:true)`, 'Give only the issuing CAs up to the root');
    if (!isSignedBy(child, issuer, mlDsa)) throw chainError(source, `${oneLine(child)} is not signed by the next certificate`, 'Order the chain from the issuer up to the root');
    child = issuer;
  }
  if (!child.fields.issuerDer.equals(child.fields.subjectDer)) {
    throw chainError(source, `it ends at ${oneLine(child)}, which is not a self-signed root`, 'Add the root certificate at the end of the chain');
  }
  if (!isSignedBy(child, child, mlDsa)) throw chainError(source, `the self-signature of the root ${oneLine(child)} does not verify`, 'Get an untampered copy of the root certificate');
  return chain.map((link) => encodePem('CERTIFICATE', link.der)).join('');
}
