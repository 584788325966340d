// Where CreateSession goes (roles-anywhere.md §1.1 and the service's endpoint rules, §5):
// --endpoint, then AWS_ENDPOINT_URL_ROLESANYWHERE, then AWS_ENDPOINT_URL, else the regional
// endpoint with the FIPS and dual-stack variants. Pure: the environment is passed in.
import { UsageError } from '../errors.js';

export interface EndpointInput {
  region: string;
  /** The --endpoint flag. */
  endpoint?: string;
  env: Readonly<Record<string, string | undefined>>;
}

export interface ResolvedEndpoint {
  url: URL;
  /** Where the URL came from, for --debug and error messages. */
  source: string;
}

interface Partition {
  dnsSuffix: string;
  dualStackDnsSuffix: string;
}

function partitionOf(region: string): Partition {
  if (region.startsWith('cn-')) return { dnsSuffix: 'amazonaws.com.cn', dualStackDnsSuffix: 'api.amazonwebservices.com.cn' };
  if (region.startsWith('us-isob-')) return { dnsSuffix: 'sc2s.sgov.gov', dualStackDnsSuffix: 'sc2s.sgov.gov' };
  if (region.startsWith('us-iso-')) return { dnsSuffix: 'c2s.ic.gov', dualStackDnsSuffix: 'c2s.ic.gov' };
  return { dnsSuffix: 'amazonaws.com', dualStackDnsSuffix: 'api.aws' };
}

function envFlag(env: EndpointInput['env'], name: string): boolean {
  const value = env[name]?.trim().toLowerCase();
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  throw new UsageError('ENVIRONMENT_INVALID', `invalid environment: ${name} must be true or false (${env[name]}). Fix or unset ${name}.`);
}

export function resolveEndpoint(input: EndpointInput): ResolvedEndpoint {
  const { env } = input;
  const useFips = envFlag(env, 'AWS_USE_FIPS_ENDPOINT');
  const useDualStack = envFlag(env, 'AWS_USE_DUALSTACK_ENDPOINT');
  const custom = [
    { value: input.endpoint, source: '--endpoint' },
    { value: env.AWS_ENDPOINT_URL_ROLESANYWHERE, source: 'AWS_ENDPOINT_URL_ROLESANYWHERE' },
    { value: env.AWS_ENDPOINT_URL, source: 'AWS_ENDPOINT_URL' },
  ].find((c) => c.value !== undefined && c.value !== '');
  if (custom) {
    if (useFips || useDualStack) {
      const variable = useFips ? 'AWS_USE_FIPS_ENDPOINT' : 'AWS_USE_DUALSTACK_ENDPOINT';
      throw new UsageError('ENDPOINT_CONFLICT', `invalid endpoint configuration: ${variable} cannot be combined with a custom endpoint (${custom.source}). Unset one of them.`);
    }
    // Non-null: find() above kept only candidates whose value is set.
    return { url: parseEndpoint(custom.value!, custom.source), source: custom.source };
  }
  const partition = partitionOf(input.region);
  const host = `rolesanywhere${useFips ? '-fips' : ''}.${input.region}.${useDualStack ? partition.dualStackDnsSuffix : partition.dnsSuffix}`;
  return { url: new URL(`https://${host}`), source: `region ${input.region}` };
}

function parseEndpoint(text: string, source: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError('ENDPOINT_INVALID', `invalid endpoint: not an absolute URL (${source} ${text}). Give e.g. https://rolesanywhere.us-east-1.amazonaws.com.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UsageError('ENDPOINT_INVALID', `invalid endpoint: the scheme must be https or http (${source} ${text}). Give e.g. https://rolesanywhere.us-east-1.amazonaws.com.`);
  }
  if (url.search !== '' || url.hash !== '' || url.username !== '') {
    throw new UsageError('ENDPOINT_INVALID', `invalid endpoint: query, fragment and credentials are not allowed (${source}). Give scheme, host, port and path only.`);
  }
  return url;
}

/** The request path: the endpoint's own path prefix, then /sessions (signed as sent). */
export function sessionsPath(url: URL): string {
  return `${url.pathname.replace(/\/+$/, '')}/sessions`;
}

/** The Host header as the URL spells it: the port only when it is not the scheme's default. */
export function hostHeader(url: URL): string {
  return url.host;
}
