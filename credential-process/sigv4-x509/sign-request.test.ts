// Known-answer tests: the official helper's captured requests (test/vectors/official-helper-capture).
import { createPrivateKey, createPublicKey, verify, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signingKeyFromKeyObject } from '../../keys/signing-key.js';
import { captureFile, officialCapture } from '../../test/support/official-capture.js';
import { parseAmzDate } from './amz-date.js';
import { parseAuthorizationHeader } from './authorization-header.js';
import { payloadHash } from './canonical-request.js';
import { receivedCanonicalRequest } from './received-canonical-request.js';
import { signRequest } from './sign-request.js';
import { stringToSign } from './string-to-sign.js';

const capture = officialCapture;

describe('official helper capture', () => {
  for (const vector of capture.cases) {
    const cert = new X509Certificate(captureFile(vector.certificate));
    const privateKey = createPrivateKey(captureFile(vector.private_key));
    const key = signingKeyFromKeyObject(privateKey, createPublicKey(privateKey));
    const now = parseAmzDate(vector.x_amz_date)!;
    const sign = () =>
      signRequest({
        method: 'POST',
        host: capture.host,
        path: '/sessions',
        query: [
          ['profileArn', vector.profile_arn],
          ['roleArn', vector.role_arn],
          ['trustAnchorArn', vector.trust_anchor_arn],
        ],
        headers: { 'content-type': 'application/json' },
        body: vector.body,
        certificateDer: cert.raw,
        serialNumber: BigInt('0x' + cert.serialNumber),
        chainDer: [],
        key,
        region: 'us-east-2',
        now,
      });

    it(`${vector.name}: query string matches the captured one`, async () => {
      expect((await sign()).queryString).toBe(vector.query);
    });

    it(`${vector.name}: our signature verifies against the captured request's canonical form`, async () => {
      const signed = await sign();
      const ours = parseAuthorizationHeader(signed.headers.authorization!)!;
      const theirs = parseAuthorizationHeader(vector.authorization)!;
      expect({ ...ours, signature: '' }).toEqual({ ...theirs, signature: '' });
      if (vector.name.startsWith('rsa')) {
        expect(signed.headers.authorization).toBe(vector.authorization);
      }
    });

    it(`${vector.name}: the captured signature verifies over the rebuilt string to sign`, () => {
      const fields = parseAuthorizationHeader(vector.authorization)!;
      const headers = {
        'content-type': 'application/json',
        host: capture.host,
        'x-amz-date': vector.x_amz_date,
        'x-amz-x509': cert.raw.toString('base64'),
      };
      // An unsigned header the client did not list must not change the rebuilt request.
      const request = receivedCanonicalRequest({
        method: 'POST',
        path: '/sessions',
        rawQuery: vector.query,
        headers: { ...headers, 'user-agent': 'CredHelper/1.1.1' },
        signedHeaders: fields.signedHeaders,
        payloadHash: payloadHash(vector.body),
      });
      const toSign = stringToSign({ algorithm: fields.algorithm, amzDate: vector.x_amz_date, scope: fields.scope, canonicalRequest: request });
      const signature = Buffer.from(fields.signature, 'hex');
      expect(verify('sha256', Buffer.from(toSign), cert.publicKey, signature)).toBe(true);
      const flipped = Buffer.from(toSign);
      flipped.writeUInt8(flipped.readUInt8(flipped.length - 1) ^ 1, flipped.length - 1);
      expect(verify('sha256', flipped, cert.publicKey, signature)).toBe(false);
    });
  }
});
