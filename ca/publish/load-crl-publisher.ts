// Loads the SDK-backed CrlPublisher on first use: the AWS SDK costs ~260 ms to load, which the
// other CA commands must not pay.
import { resolveEndpoint } from '../../credential-process/endpoint.js';
import { selectProxy } from '../../credential-process/session/proxy.js';
import type { PublishTarget } from '../store/publish-store.js';
import type { CrlPublisher } from './crl-publisher.js';
import type { SdkPublisherOptions } from './sdk-crl-publisher.js';

/** `env` supplies AWS_CA_BUNDLE, AWS_CONFIG_FILE (for a profile's ca_bundle) and the proxy variables. */
export async function loadCrlPublisher(target: PublishTarget, options: Omit<SdkPublisherOptions, 'caBundle' | 'proxy'> & { env: NodeJS.ProcessEnv }): Promise<CrlPublisher> {
  const [{ createSdkCrlPublisher }, { loadCaBundle }] = await Promise.all([import('./sdk-crl-publisher.js'), import('./ca-bundle.js')]);
  const { env, ...sdkOptions } = options;
  const caBundle = await loadCaBundle({ env, ...(target.profile ? { profile: target.profile } : {}) });
  // The endpoint the SDK calls: the remembered one, else the region's.
  const proxy = selectProxy(resolveEndpoint({ region: target.region, ...(target.endpoint ? { endpoint: target.endpoint } : {}), env: {} }).url, env);
  return createSdkCrlPublisher(target, { ...sdkOptions, ...(caBundle ? { caBundle: caBundle.pem } : {}), ...(proxy ? { proxy } : {}) });
}
