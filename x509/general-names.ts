// GeneralNames (RFC 5280 §4.2.1.6): the SAN entries Roles Anywhere maps (DNS, URI, directoryName),
// email and IP addresses, and the iPAddress octets both ways.
import { isIP } from 'node:net';
import { children, content, expectTag, inner, TAG_SEQUENCE, type DerNode } from './der-reader.js';
import { parseName, type NameAttribute } from './distinguished-name.js';

export type GeneralName =
  | { type: 'dns'; value: string }
  | { type: 'uri'; value: string }
  | { type: 'email'; value: string }
  | { type: 'ip'; value: string }
  | { type: 'directoryName'; attributes: NameAttribute[] }
  | { type: 'other'; tag: number };

/** GeneralName CHOICE tags: rfc822Name [1], dNSName [2], directoryName [4] (EXPLICIT), URI [6], iPAddress [7]. */
export const GENERAL_NAME_TAG = { email: 0x81, dns: 0x82, directoryName: 0xa4, uri: 0x86, ip: 0x87 } as const;

/** The entries of a GeneralNames SEQUENCE, in order. */
export function generalNameNodes(sequence: DerNode): DerNode[] {
  return children(expectTag(sequence, TAG_SEQUENCE, 'GeneralNames'));
}

export function parseGeneralNames(sequence: DerNode): GeneralName[] {
  return generalNameNodes(sequence).map(parseGeneralName);
}

function parseGeneralName(name: DerNode): GeneralName {
  const text = (): string => content(name).toString('latin1');
  switch (name.tag) {
    case GENERAL_NAME_TAG.email:
      return { type: 'email', value: text() };
    case GENERAL_NAME_TAG.dns:
      return { type: 'dns', value: text() };
    case GENERAL_NAME_TAG.uri:
      return { type: 'uri', value: text() };
    case GENERAL_NAME_TAG.ip: {
      const octets = content(name);
      // A 4- or 16-octet address; anything else (e.g. a name-constraint range) is left unread.
      return octets.length === 4 || octets.length === 16 ? { type: 'ip', value: formatIpAddress(octets) } : { type: 'other', tag: name.tag };
    }
    case GENERAL_NAME_TAG.directoryName:
      return { type: 'directoryName', attributes: parseName(inner(name)) };
    default:
      return { type: 'other', tag: name.tag };
  }
}

/** The iPAddress octets of an IPv4 (4) or IPv6 (16, `::` and a dotted tail allowed) address already checked with isIP. */
export function ipAddressOctets(value: string): Buffer {
  if (isIP(value) === 4) return Buffer.from(value.split('.').map(Number));
  let text = value;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    // Non-null: the pattern's one group takes part in every match.
    const v4 = Buffer.from(dotted[1]!.split('.').map(Number));
    text = `${text.slice(0, dotted.index)}${v4.readUInt16BE(0).toString(16)}:${v4.readUInt16BE(2).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = [...left, ...new Array<string>(8 - left.length - right.length).fill('0'), ...right];
  const out = Buffer.alloc(16);
  groups.forEach((g, i) => out.writeUInt16BE(parseInt(g, 16), i * 2));
  return out;
}

/** An iPAddress's octets as text: dotted IPv4, or IPv6 with the first run of zero groups as `::`. */
export function formatIpAddress(bytes: Buffer): string {
  if (bytes.length === 4) return [...bytes].join('.');
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(bytes.readUInt16BE(i).toString(16));
  return groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::').replace(/:{3,}/, '::');
}
