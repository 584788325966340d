// `iamra serve` (official-helper.md §4.1, issue 4): an IMDSv2-compatible credentials endpoint on
// 127.0.0.1 (or --address), refreshed in the background; exits on SIGINT/SIGTERM.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ServiceError, UsageError } from '../../errors.js';
import { formatHelp, parseFlags, refuseUnsupported } from '../args/flag-parser.js';
import { SERVE_FLAGS } from '../args/flags.js';
import type { HelperContext } from '../context.js';
import { CredentialRefresher } from '../serve/credential-refresher.js';
import { createImdsServer } from '../serve/imds-server.js';
import { credentialFetcher } from './refetch.js';
import { unlessStopped } from '../stop.js';

const SUMMARY = 'Serve credentials through an endpoint compatible with IMDSv2';

export async function runServe(argv: readonly string[], ctx: HelperContext): Promise<void> {
  const parsed = parseFlags('serve', SERVE_FLAGS, argv);
  if (parsed.isHelp) return ctx.stdout(formatHelp('serve', SUMMARY, SERVE_FLAGS));
  refuseUnsupported('serve', SERVE_FLAGS, parsed);
  const port = parsed.values.get('port') as number;
  const hopLimit = parsed.values.get('hop-limit') as number;
  const address = parsed.values.get('address') as string;
  if (port < 0 || port > 65535) throw new UsageError('FLAG_VALUE_INVALID', `invalid --port: must be from 0 to 65535 (${port}). Pass e.g. --port 9911.`);
  if (hopLimit < 1 || hopLimit > 255) throw new UsageError('FLAG_VALUE_INVALID', `invalid --hop-limit: must be from 1 to 255 (${hopLimit}). Pass e.g. --hop-limit 1.`);
  const fetcher = await credentialFetcher(parsed.values, ctx);
  const refresher = new CredentialRefresher({
    fetch: fetcher.fetch,
    now: () => ctx.now().getTime(),
    random: ctx.random,
    setTimer: (callback, ms) => {
      const timer = setTimeout(callback, ms);
      timer.unref();
      return { cancel: () => clearTimeout(timer) };
    },
    log: ctx.stderr,
  });
  const started = await unlessStopped(refresher.start().then(() => true), ctx.stopSignal);
  if (started === undefined) return refresher.stop();
  const server = await createImdsServer({ refresher, roleName: fetcher.roleName, now: () => ctx.now().getTime() });
  await listen(server, port, address);
  const bound = (server.address() as AddressInfo).port;
  const host = address.includes(':') ? `[${address}]` : address;
  if (!isLoopback(address)) ctx.stderr(`iamra: warning: serving credentials on ${address}, reachable from other machines.`);
  ctx.stderr(`export AWS_EC2_METADATA_SERVICE_ENDPOINT=http://${host}:${bound}/`);
  await ctx.stopSignal;
  refresher.stop();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Idle keep-alive connections of SDK clients would otherwise hold the shutdown open.
  server.closeAllConnections();
  await closed;
}

function isLoopback(address: string): boolean {
  return address.startsWith('127.') || address === '::1' || address === 'localhost';
}

function listen(server: Server, port: number, address: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(new ServiceError('LISTEN_FAILED', `cannot serve credentials: ${error.code ?? error.message} (${address}:${port}). Pick another --port or --address.`, { cause: error })),
    );
    server.listen(port, address, () => resolve());
  });
}
