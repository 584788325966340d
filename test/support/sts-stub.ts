// A local STS endpoint for consumer tests: verifies each request's SigV4 signature by re-signing it
// with @smithy/signature-v4 and the issued secret, and answers GetCallerIdentity only then.
import { HttpRequest } from '@smithy/core/protocols';
import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256 } from './node-sha256.js';
import { createServer, type IncomingMessage, type Server } from 'node:http';

export interface IssuedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

export interface StsCall {
  accessKeyId: string;
  sessionToken: string | undefined;
  signatureValid: boolean;
  /** The same check with a wrong secret, which must fail (the verifier is not vacuous). */
  wrongSecretValid: boolean;
}

/** Verifies a SigV4 request by re-signing it with the issued secret (same date, same headers). */
export async function verifySigV4(req: IncomingMessage, body: string, secret: string, sessionToken: string | undefined): Promise<boolean> {
  const authorization = String(req.headers.authorization);
  const m = /Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]+)/.exec(authorization);
  if (!m) return false;
  const [, accessKeyId, , region, service, signedHeaders, signature] = m;
  const headers: Record<string, string> = {};
  for (const name of signedHeaders!.split(';')) headers[name] = String(req.headers[name]);
  const url = new URL(req.url!, 'http://x');
  const request = new HttpRequest({ method: req.method, protocol: 'http:', hostname: String(req.headers.host), path: url.pathname, headers, body });
  const amzDate = String(req.headers['x-amz-date']);
  const signingDate = new Date(`${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`);
  const signer = new SignatureV4({
    credentials: { accessKeyId: accessKeyId!, secretAccessKey: secret, sessionToken },
    region: region!,
    service: service!,
    // The CLI sends no x-amz-content-sha256 for STS; the signer must not add one.
    applyChecksum: false,
    sha256: NodeSha256,
  });
  const signed = await signer.sign(request, { signingDate, unsignableHeaders: new Set(), signableHeaders: new Set(signedHeaders!.split(';')) });
  return String(signed.headers.authorization).endsWith(`Signature=${signature}`);
}

/** A local STS that answers GetCallerIdentity only when the SigV4 signature verifies with an issued secret. */
export function startStsStub(issuedCredentials: readonly IssuedCredentials[], calls: StsCall[]): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const accessKeyId = /Credential=([^/]+)\//.exec(String(req.headers.authorization))?.[1] ?? '';
      const issued = issuedCredentials.find((c) => c.accessKeyId === accessKeyId);
      const token = req.headers['x-amz-security-token'] as string | undefined;
      const signatureValid = issued !== undefined && token === issued.sessionToken && (await verifySigV4(req, body, issued.secretAccessKey, token));
      const wrongSecretValid = issued !== undefined && (await verifySigV4(req, body, `${issued.secretAccessKey}x`, token));
      calls.push({ accessKeyId, sessionToken: token, signatureValid, wrongSecretValid });
      if (!signatureValid || !body.includes('Action=GetCallerIdentity')) {
        res.writeHead(403, { 'content-type': 'text/xml' });
        res.end('<ErrorResponse><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code><Message>bad</Message></Error></ErrorResponse>');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(
        '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>' +
          '<Arn>arn:aws:sts::123456789012:assumed-role/iamra-test/consumer</Arn><UserId>AROAEXAMPLE:consumer</UserId><Account>123456789012</Account>' +
          '</GetCallerIdentityResult><ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata></GetCallerIdentityResponse>',
      );
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

