// Proxy selection from the environment as Go's net/http (the official helper) does it:
// HTTPS_PROXY for https, HTTP_PROXY for http, NO_PROXY exclusions, loopback never proxied.
import { UsageError } from '../../errors.js';

type Env = Readonly<Record<string, string | undefined>>;

function variable(env: Env, name: string): string | undefined {
  const value = env[name] ?? env[name.toLowerCase()];
  return value === undefined || value === '' ? undefined : value;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || host.startsWith('127.') || host === '::1' || host === '[::1]';
}

/** Does a NO_PROXY list exclude this host and port? */
export function isExcluded(noProxy: string, host: string, port: string): boolean {
  const target = host.toLowerCase().replace(/^\[|\]$/g, '');
  for (const raw of noProxy.split(',')) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return true;
    const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(entry);
    if (!m) continue;
    // Non-null: group 1 always takes part in a match of the pattern above.
    const name = m[1]!.replace(/^\[|\]$/g, '');
    if (m[2] !== undefined && m[2] !== port) continue;
    if (/^[\d.]+$/.test(name) || name.includes(':')) {
      if (name === target) return true;
      continue;
    }
    const bare = name.replace(/^\*?\./, '');
    if (target === bare || target.endsWith(`.${bare}`)) return true;
  }
  return false;
}

/** The proxy to use for `url`, or undefined for a direct connection. */
export function selectProxy(url: URL, env: Env): URL | undefined {
  if (isLoopback(url.hostname)) return undefined;
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  const noProxy = variable(env, 'NO_PROXY');
  if (noProxy !== undefined && isExcluded(noProxy, url.hostname, port)) return undefined;
  const name = url.protocol === 'https:' ? 'HTTPS_PROXY' : 'HTTP_PROXY';
  const value = variable(env, name);
  if (value === undefined) return undefined;
  try {
    // Go accepts a bare host:port and assumes http.
    const proxy = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`);
    if (proxy.protocol !== 'http:') throw new Error('scheme');
    return proxy;
  } catch {
    throw new UsageError('PROXY_INVALID', `invalid proxy: ${name} is not an http:// proxy URL (${value}). Fix or unset ${name}.`);
  }
}
