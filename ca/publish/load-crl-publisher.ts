// Loads the SDK-backed CrlPublisher on first use: the AWS SDK costs ~260 ms to load, which the
// other CA commands must not pay.
import type { PublishTarget } from '../store/publish-store.js';
import type { CrlPublisher } from './crl-publisher.js';
import type { SdkPublisherOptions } from './sdk-crl-publisher.js';

export async function loadCrlPublisher(target: PublishTarget, options: SdkPublisherOptions = {}): Promise<CrlPublisher> {
  const { createSdkCrlPublisher } = await import('./sdk-crl-publisher.js');
  return createSdkCrlPublisher(target, options);
}
