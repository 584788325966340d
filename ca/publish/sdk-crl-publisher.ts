// CrlPublisher on @aws-sdk/client-rolesanywhere 3.332 (roles-anywhere.md §3.1). Loaded only
// through loadCrlPublisher, so other commands never pay the SDK's start-up cost.
import {
  EnableCrlCommand,
  GetCrlCommand,
  ImportCrlCommand,
  ListCrlsCommand,
  RolesAnywhereClient,
  UpdateCrlCommand,
  type CrlDetail,
  type RolesAnywhereClientConfig,
} from '@aws-sdk/client-rolesanywhere';
import { Agent } from 'node:https';
import { NodeHttpHandler } from '@aws-sdk/node-http-handler';
import { InternalError, ServiceError } from '../../errors.js';
import type { PublishTarget } from '../store/publish-store.js';
import type { CrlPublisher, ServiceCrl } from './crl-publisher.js';
import { ProxiedRequestHandler } from './proxied-request-handler.js';
import { toPublishError } from './service-error.js';

function toServiceCrl(detail: CrlDetail | undefined, operation: string): ServiceCrl {
  if (!detail?.crlId || !detail.crlArn) throw new InternalError('SERVICE_ANSWER_MALFORMED', `${operation} answered without a CRL id`);
  return {
    crlId: detail.crlId,
    crlArn: detail.crlArn,
    name: detail.name ?? '',
    enabled: detail.enabled === true,
    trustAnchorArn: detail.trustAnchorArn ?? '',
    crlData: Buffer.from(detail.crlData ?? new Uint8Array()),
    ...(detail.updatedAt ? { updatedAt: detail.updatedAt } : {}),
  };
}

export interface SdkPublisherOptions {
  /** Aborting it abandons the call in flight (a watcher stopping); local state stays consistent. */
  stopSignal?: AbortSignal;
  /** Per call, retries included. @default 30000 */
  callTimeoutMs?: number;
  /** PEM of the CAs trusted for HTTPS, in place of Node's defaults (loadCaBundle). */
  caBundle?: Buffer;
  /** The HTTP proxy for this endpoint (HTTPS_PROXY / HTTP_PROXY), which the SDK alone ignores. */
  proxy?: URL;
}

function requestHandler(options: SdkPublisherOptions): RolesAnywhereClientConfig['requestHandler'] {
  if (options.proxy) return new ProxiedRequestHandler({ proxy: options.proxy, timeoutMs: options.callTimeoutMs ?? 30_000, ...(options.caBundle ? { caBundle: options.caBundle } : {}) });
  if (options.caBundle) return new NodeHttpHandler({ httpsAgent: new Agent({ keepAlive: true, ca: options.caBundle }) });
  return undefined;
}

export function createSdkCrlPublisher(target: PublishTarget, options: SdkPublisherOptions = {}): CrlPublisher {
  // `profile` is read by the default credential chain (credential-provider-node's init.profile).
  const config: RolesAnywhereClientConfig & { profile?: string } = {
    region: target.region,
    ...(target.endpoint ? { endpoint: target.endpoint } : {}),
    ...(target.profile ? { profile: target.profile } : {}),
  };
  const handler = requestHandler(options);
  if (handler) config.requestHandler = handler;
  const client = new RolesAnywhereClient(config);
  const where = target.endpoint ?? target.trustAnchorArn;
  const call = async <T>(operation: string, run: (abortSignal: AbortSignal) => Promise<T>): Promise<T> => {
    const timeout = AbortSignal.timeout(options.callTimeoutMs ?? 30_000);
    try {
      return await run(options.stopSignal ? AbortSignal.any([options.stopSignal, timeout]) : timeout);
    } catch (error) {
      if (options.stopSignal?.aborted) throw new ServiceError('PUBLISH_STOPPED', `${operation} abandoned: the publisher is stopping (${where}). The next run picks up from here.`, { cause: error });
      throw toPublishError(error, operation, where, target.profile);
    }
  };
  return {
    importCrl: (input) => call('ImportCrl', async (abortSignal) =>
      toServiceCrl((await client.send(new ImportCrlCommand({ name: input.name, trustAnchorArn: input.trustAnchorArn, crlData: input.crlData, enabled: true }), { abortSignal })).crl, 'ImportCrl')),
    updateCrl: (input) => call('UpdateCrl', async (abortSignal) =>
      toServiceCrl((await client.send(new UpdateCrlCommand({ crlId: input.crlId, crlData: input.crlData }), { abortSignal })).crl, 'UpdateCrl')),
    enableCrl: (crlId) => call('EnableCrl', async (abortSignal) => toServiceCrl((await client.send(new EnableCrlCommand({ crlId }), { abortSignal })).crl, 'EnableCrl')),
    getCrl: (crlId) => call('GetCrl', async (abortSignal) => {
      try {
        return toServiceCrl((await client.send(new GetCrlCommand({ crlId }), { abortSignal })).crl, 'GetCrl');
      } catch (error) {
        if ((error as { name?: unknown }).name === 'ResourceNotFoundException') return undefined;
        throw error;
      }
    }),
    listCrls: () => call('ListCrls', async (abortSignal) => {
      const crls: ServiceCrl[] = [];
      let nextToken: string | undefined;
      do {
        const page = await client.send(new ListCrlsCommand({ ...(nextToken ? { nextToken } : {}), pageSize: 50 }), { abortSignal });
        for (const detail of page.crls ?? []) crls.push(toServiceCrl(detail, 'ListCrls'));
        nextToken = page.nextToken;
      } while (nextToken);
      return crls;
    }),
  };
}
