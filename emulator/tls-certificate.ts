// A self-signed server certificate for `--tls` (EC P-256, SANs for the host, 127.0.0.1 and
// localhost). The key stays in memory; only the certificate is written, for AWS_CA_BUNDLE.
import { webcrypto } from 'node:crypto';
import { isIP } from 'node:net';

export interface ServerCertificate {
  certPem: string;
  keyPem: string;
}

const DAY_MS = 86_400_000;

export async function createServerCertificate(host: string, now: Date): Promise<ServerCertificate> {
  await import('reflect-metadata');
  const x509 = await import('@peculiar/x509');
  x509.cryptoProvider.set(webcrypto as unknown as Crypto);
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as CryptoKeyPair;
  const names = new Map<string, 'dns' | 'ip'>([
    ['localhost', 'dns'],
    ['127.0.0.1', 'ip'],
  ]);
  if (host !== '0.0.0.0' && host !== '::') names.set(host, isIP(host) ? 'ip' : 'dns');
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(16))).toString('hex').replace(/^[89a-f]/, '1'),
    name: 'CN=iamra emulator',
    notBefore: new Date(now.getTime() - DAY_MS),
    notAfter: new Date(now.getTime() + 30 * DAY_MS),
    keys,
    signingAlgorithm: algorithm,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyCertSign, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([...names].map(([value, type]) => ({ type, value }))),
    ],
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  return { certPem: certificate.toString('pem') + '\n', keyPem: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY') + '\n' };
}
