// GeneralNames (RFC 5280 §4.2.1.6): the SAN entries Roles Anywhere maps (DNS, URI, directoryName).
import { children, content, expectTag, inner, TAG_SEQUENCE, type DerNode } from './der-reader.js';
import { parseName, type NameAttribute } from './distinguished-name.js';

export type GeneralName =
  | { type: 'dns'; value: string }
  | { type: 'uri'; value: string }
  | { type: 'email'; value: string }
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
    case GENERAL_NAME_TAG.directoryName:
      return { type: 'directoryName', attributes: parseName(inner(name)) };
    default:
      return { type: 'other', tag: name.tag };
  }
}
