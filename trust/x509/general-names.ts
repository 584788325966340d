// GeneralNames (RFC 5280 §4.2.1.6): the SAN entries Roles Anywhere maps (DNS, URI, directoryName).
import { children, contentOf, DerError, readTlv, type Tlv } from './der-reader.js';
import { parseName, type NameAttribute } from './distinguished-name.js';

export type GeneralName =
  | { type: 'dns'; value: string }
  | { type: 'uri'; value: string }
  | { type: 'email'; value: string }
  | { type: 'directoryName'; attributes: NameAttribute[] }
  | { type: 'other'; tag: number };

export function parseGeneralNames(der: Uint8Array, sequence: Tlv): GeneralName[] {
  if (sequence.tag !== 0x30) throw new DerError('expected GeneralNames');
  return children(der, sequence).map((name) => parseGeneralName(der, name));
}

function parseGeneralName(der: Uint8Array, name: Tlv): GeneralName {
  const text = (): string => Buffer.from(contentOf(der, name)).toString('latin1');
  switch (name.tag) {
    case 0x81:
      return { type: 'email', value: text() };
    case 0x82:
      return { type: 'dns', value: text() };
    case 0x86:
      return { type: 'uri', value: text() };
    case 0xa4: // directoryName is EXPLICIT: [4] wraps a Name
      return { type: 'directoryName', attributes: parseName(der, readTlv(der, name.contentStart, name.end)) };
    default:
      return { type: 'other', tag: name.tag };
  }
}
