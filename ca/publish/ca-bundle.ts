// The CAs the publisher trusts for HTTPS (issue 9), taken as the AWS CLI and the helper take them:
// the PEM bundle named by AWS_CA_BUNDLE, else by `ca_bundle` in the profile's shared config. It
// replaces Node's default CAs, as the helper's does. Loaded with the SDK, never at CLI start.
import { loadSharedConfigFiles } from '@aws-sdk/shared-ini-file-loader';
import { InputError } from '../../errors.js';
import { readInputFile } from '../../io/read-input-file.js';

/** A CA bundle is a few hundred certificates at most. */
export const CA_BUNDLE_MAX_BYTES = 16 * 1024 * 1024;

export interface CaBundle {
  pem: Buffer;
  path: string;
  /** Where the path came from, for messages. */
  source: 'AWS_CA_BUNDLE' | 'ca_bundle';
}

export interface CaBundleInput {
  env: NodeJS.ProcessEnv;
  /** The target's --profile; else AWS_PROFILE, else `default`. */
  profile?: string;
}

export async function loadCaBundle(input: CaBundleInput): Promise<CaBundle | undefined> {
  const fromEnv = input.env.AWS_CA_BUNDLE;
  if (fromEnv !== undefined && fromEnv !== '') return readBundle(fromEnv, 'AWS_CA_BUNDLE');
  const files = await loadSharedConfigFiles({ ...(input.env.AWS_CONFIG_FILE ? { configFilepath: input.env.AWS_CONFIG_FILE } : {}) });
  const profile = input.profile || input.env.AWS_PROFILE || 'default';
  const fromConfig = files.configFile[profile]?.ca_bundle;
  return fromConfig ? readBundle(fromConfig, 'ca_bundle') : undefined;
}

function readBundle(path: string, source: CaBundle['source']): CaBundle {
  const what = source === 'AWS_CA_BUNDLE' ? 'AWS_CA_BUNDLE' : 'the shared config\'s ca_bundle';
  const pem = readInputFile(path, { what, maxBytes: CA_BUNDLE_MAX_BYTES, todo: `Point ${source} at a PEM bundle` });
  if (!pem.toString('latin1').includes('-----BEGIN CERTIFICATE-----')) {
    throw new InputError('CA_BUNDLE_MALFORMED', `cannot read ${what}: no PEM certificate in it (${path}). Point ${source} at a PEM bundle.`);
  }
  return { pem, path, source };
}
