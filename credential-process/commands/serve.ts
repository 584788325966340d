// `iamra serve` (official-helper.md §4.1, issues 4 and 10): an IMDSv2-compatible credentials
// endpoint on 127.0.0.1 (or --address), refreshed in the background; with --container-token-file
// also the container credentials protocol; with --roles-config several roles; exits on SIGINT/SIGTERM.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ServiceError, UsageError } from '../../errors.js';
import { formatHelp, parseFlags, refuseUnsupported } from '../args/flag-parser.js';
import { CREDENTIAL_FLAGS, SERVE_FLAGS, type ServeFlags } from '../args/flags.js';
import type { HelperContext } from '../context.js';
import { readInput } from '../identity.js';
import { CONTAINER_PATH, tokenFromFile } from '../serve/container-endpoint.js';
import { CredentialRefresher } from '../serve/credential-refresher.js';
import { createImdsServer, type ServedRole } from '../serve/imds-server.js';
import { parseRolesConfig, type ConfiguredRole } from '../serve/roles-config.js';
import { credentialFetcher } from './refetch.js';
import { unlessStopped } from '../stop.js';

const SUMMARY = 'Serve credentials through an endpoint compatible with IMDSv2 (and the container credentials protocol)';

export async function runServe(argv: readonly string[], ctx: HelperContext): Promise<void> {
  const parsed = parseFlags('serve', SERVE_FLAGS, argv);
  if (parsed.isHelp) return ctx.stdout(formatHelp('serve', SUMMARY, SERVE_FLAGS));
  refuseUnsupported('serve', SERVE_FLAGS, parsed);
  const { flags } = parsed;
  const { port, address } = listenFlags(flags);
  const containerToken = containerTokenSource(flags);
  const roles = await startRoles(configuredRoles(flags), ctx);
  if (roles === undefined) return;
  const server = await createImdsServer({ roles, now: () => ctx.now().getTime(), address, containerToken });
  await listen(server, port, address);
  const bound = (server.address() as AddressInfo).port;
  const base = `http://${address.includes(':') ? `[${address}]` : address}:${bound}`;
  if (!isLoopback(address)) ctx.stderr(`iamra: warning: serving credentials on ${address}, reachable from other machines.`);
  if (containerToken) {
    for (const role of roles) ctx.stderr(`export AWS_CONTAINER_CREDENTIALS_FULL_URI=${base}${CONTAINER_PATH}${roles.length === 1 ? '' : `/${role.name}`}`);
  }
  // Last, so a reader that waits for it has seen every line before.
  ctx.stderr(`export AWS_EC2_METADATA_SERVICE_ENDPOINT=${base}/`);
  await ctx.stopSignal;
  for (const role of roles) role.refresher.stop();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Idle keep-alive connections of SDK clients would otherwise hold the shutdown open.
  server.closeAllConnections();
  await closed;
}

function listenFlags(flags: ServeFlags): { port: number; address: string } {
  const { port, 'hop-limit': hopLimit, address } = flags;
  if (port < 0 || port > 65535) throw new UsageError('FLAG_VALUE_INVALID', `invalid --port: must be from 0 to 65535 (${port}). Pass e.g. --port 9911.`);
  if (hopLimit < 1 || hopLimit > 255) throw new UsageError('FLAG_VALUE_INVALID', `invalid --hop-limit: must be from 1 to 255 (${hopLimit}). Pass e.g. --hop-limit 1.`);
  return { port, address };
}

/** The token source, checked now: an unreadable or empty token file is an error before serving. */
function containerTokenSource(flags: ServeFlags): (() => string | undefined) | undefined {
  const path = flags['container-token-file'];
  if (!path) return undefined;
  const read = tokenFromFile(path);
  readInput(path, 'container token file');
  if (read() === undefined) throw new UsageError('CONTAINER_TOKEN_EMPTY', `invalid --container-token-file: the file holds no token (${path}). Write a random token into it, e.g. openssl rand -hex 32.`);
  return read;
}

function configuredRoles(flags: ServeFlags): ConfiguredRole[] {
  const path = flags['roles-config'];
  if (!path) return [{ name: (flags['role-arn'] ?? '').split('/').pop() ?? '', values: flags }];
  return parseRolesConfig(readInput(path, 'roles config').toString('utf8'), path, CREDENTIAL_FLAGS, flags);
}

/** Checks every role and obtains its first credentials; undefined when stopped meanwhile. */
async function startRoles(configured: readonly ConfiguredRole[], ctx: HelperContext): Promise<ServedRole[] | undefined> {
  const roles: ServedRole[] = [];
  for (const { name, values } of configured) {
    const fetcher = await credentialFetcher(values, ctx);
    const refresher = new CredentialRefresher({
      fetch: fetcher.fetch,
      now: () => ctx.now().getTime(),
      random: ctx.random,
      setTimer: (callback, ms) => {
        const timer = setTimeout(callback, ms);
        timer.unref();
        return { cancel: () => clearTimeout(timer) };
      },
      log: (line) => ctx.stderr(configured.length > 1 ? line.replace(/^iamra: /, `iamra: role ${name}: `) : line),
    });
    // credentialFetcher above refused a missing --role-arn, so the fallback is never taken.
    roles.push({ name: configured.length > 1 ? name : fetcher.roleName, roleArn: values['role-arn'] ?? '', refresher });
  }
  const started = await unlessStopped(Promise.all(roles.map((r) => r.refresher.start())).then(() => true), ctx.stopSignal);
  if (started !== undefined) return roles;
  for (const role of roles) role.refresher.stop();
  return undefined;
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
