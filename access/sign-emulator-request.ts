// SigV4 headers for a GET to the emulator's /_iamra/ routes (which an emulator started with
// --access-keys refuses unsigned), with the credentials the AWS SDK's Roles Anywhere client would
// use for the control plane (its default chain: environment, AWS_PROFILE, SSO, ...). Loaded only
// through `await import()` by `iamra doctor`, never on the helper's path.
import { RolesAnywhereClient } from '@aws-sdk/client-rolesanywhere';
import { SignatureV4 } from '@smithy/signature-v4';
import { InputError } from '../errors.js';
import { NodeSha256 } from './node-sha256.js';

export interface SignEmulatorRequestInput {
  url: URL;
  /** The region of the request's ARNs: the signature's scope. */
  region: string;
  signingDate: Date;
}

/** The headers to send, `host` and `authorization` included; throws InputError without credentials. */
export async function signEmulatorGet(input: SignEmulatorRequestInput): Promise<Record<string, string>> {
  const client = new RolesAnywhereClient({ region: input.region, endpoint: input.url.origin });
  let credentials;
  try {
    credentials = await client.config.credentials();
  } catch (error) {
    // The SDK's message can quote a credential_process command line: never shown.
    throw new InputError('AWS_CREDENTIALS_MISSING', 'the endpoint needs a SigV4 signature and the AWS SDK found no credentials; set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY', { cause: error });
  } finally {
    client.destroy();
  }
  const signer = new SignatureV4({ credentials, region: input.region, service: 'rolesanywhere', sha256: NodeSha256 });
  const request = {
    method: 'GET',
    protocol: input.url.protocol,
    hostname: input.url.hostname,
    ...(input.url.port ? { port: Number(input.url.port) } : {}),
    path: input.url.pathname,
    query: Object.fromEntries(input.url.searchParams),
    headers: { host: input.url.host },
  };
  const signed = await signer.sign(request, { signingDate: input.signingDate });
  return signed.headers as Record<string, string>;
}
