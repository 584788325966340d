// The principal tags a certificate yields with the default attribute mapping
// (roles-anywhere.md §4.1), listed in the hint of an "Unable to assume role" refusal.
import type { X509Certificate } from 'node:crypto';

function rdnTags(prefix: string, dn: string): string[] {
  const values = new Map<string, string[]>();
  for (const line of dn.split('\n')) {
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const name = line.slice(0, eq);
    values.set(name, [...(values.get(name) ?? []), line.slice(eq + 1)]);
  }
  return [...values].map(([name, list]) => `${prefix}/${name}=${list.join('/')}`);
}

function firstSan(san: string, kind: string): string | undefined {
  const entry = san.split(', ').find((e) => e.startsWith(`${kind}:`));
  return entry?.slice(kind.length + 1);
}

export function certificateTags(certificate: X509Certificate): string[] {
  const tags = [...rdnTags('x509Subject', certificate.subject), ...rdnTags('x509Issuer', certificate.issuer)];
  const san = certificate.subjectAltName ?? '';
  const dns = firstSan(san, 'DNS');
  const uri = firstSan(san, 'URI');
  if (dns !== undefined) tags.push(`x509SAN/DNS=${dns}`);
  if (uri !== undefined) tags.push(`x509SAN/URI=${uri}`);
  return tags;
}
