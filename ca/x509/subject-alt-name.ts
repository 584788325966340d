// Subject alternative names (RFC 5280 §4.2.1.6): parse `dns:`/`uri:`/`email:`/`ip:`/`dirname:`,
// encode and decode GeneralNames.
import { isIP } from 'node:net';
import { InputError } from '../../errors.js';
import { explicit, implicitPrimitive, sequence } from '../../x509/der-writer.js';
import { content, readRoot, type DerNode } from '../../x509/der-reader.js';
import { formatIpAddress, GENERAL_NAME_TAG, generalNameNodes, ipAddressOctets, type GeneralName } from '../../x509/general-names.js';
import { decodeName, encodeName, formatDistinguishedName, parseDistinguishedName, type NameAttribute } from './distinguished-name.js';

/** A SAN the CA writes: x509/'s GeneralName, with a directoryName of attribute types the CA writes. */
export type SubjectAltName =
  | Extract<GeneralName, { type: 'dns' | 'uri' | 'email' | 'ip' }>
  | { type: 'directoryName'; attributes: NameAttribute[] };

const DNS_LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

function invalid(text: string, why: string): InputError {
  return new InputError('SAN_INVALID', `invalid subject alternative name ${JSON.stringify(text)}: ${why}. Use dns:NAME, uri:URI, email:ADDRESS, ip:ADDRESS or dirname:CN=...`);
}

function checkDns(text: string, value: string): void {
  if (value.length > 253 || !value.split('.').every((label) => DNS_LABEL.test(label))) throw invalid(text, 'not a valid DNS name');
}

function checkUri(text: string, value: string): void {
  if (!/^[\x21-\x7e]+$/.test(value)) throw invalid(text, 'a URI must be ASCII without spaces');
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw invalid(text, 'not an absolute URI');
  }
  if (!/^[a-z][a-z0-9+.-]*:$/.test(parsed.protocol)) throw invalid(text, 'the URI has no valid scheme');
}

function checkEmail(text: string, value: string): void {
  const at = value.lastIndexOf('@');
  if (at <= 0 || !/^[\x21-\x7e]+$/.test(value)) throw invalid(text, 'not a valid email address');
  checkDns(text, value.slice(at + 1));
}

/** Parses one `type:value` SAN argument. */
export function parseSubjectAltName(text: string): SubjectAltName {
  const colon = text.indexOf(':');
  const type = colon < 0 ? '' : text.slice(0, colon).toLowerCase();
  const value = text.slice(colon + 1);
  if (value === '') throw invalid(text, 'the value is empty');
  switch (type) {
    case 'dns':
      checkDns(text, value);
      return { type, value: value.toLowerCase() };
    case 'uri':
      checkUri(text, value);
      return { type, value };
    case 'email':
      checkEmail(text, value);
      return { type, value };
    case 'ip':
      if (isIP(value) === 0 || value.includes('%')) throw invalid(text, 'not an IPv4 or IPv6 address (without a zone)');
      return { type, value };
    case 'dirname':
      return { type: 'directoryName', attributes: parseDistinguishedName(value) };
    default:
      throw invalid(text, 'unknown type');
  }
}

/** GeneralName CHOICE: rfc822Name [1], dNSName [2], directoryName [4], URI [6], iPAddress [7]. */
function encodeGeneralName(san: SubjectAltName): Buffer {
  switch (san.type) {
    case 'email':
      return implicitPrimitive(1, Buffer.from(san.value, 'latin1'));
    case 'dns':
      return implicitPrimitive(2, Buffer.from(san.value, 'latin1'));
    case 'directoryName':
      return explicit(4, encodeName(san.attributes));
    case 'uri':
      return implicitPrimitive(6, Buffer.from(san.value, 'latin1'));
    case 'ip':
      return implicitPrimitive(7, ipAddressOctets(san.value));
  }
}

/** GeneralNames ::= SEQUENCE SIZE (1..MAX) OF GeneralName */
export function encodeGeneralNames(sans: readonly SubjectAltName[]): Buffer {
  return sequence(...sans.map(encodeGeneralName));
}

function decodeGeneralName(node: DerNode): SubjectAltName {
  const bytes = content(node);
  switch (node.tag) {
    case GENERAL_NAME_TAG.email:
      return parseSubjectAltName(`email:${bytes.toString('latin1')}`);
    case GENERAL_NAME_TAG.dns:
      return parseSubjectAltName(`dns:${bytes.toString('latin1')}`);
    case GENERAL_NAME_TAG.uri:
      return parseSubjectAltName(`uri:${bytes.toString('latin1')}`);
    case GENERAL_NAME_TAG.ip:
      if (bytes.length !== 4 && bytes.length !== 16) throw invalid('ip', 'bad address length');
      return { type: 'ip', value: formatIpAddress(bytes) };
    case GENERAL_NAME_TAG.directoryName: {
      const name = decodeName(readRoot(bytes));
      return { type: 'directoryName', attributes: name };
    }
    default:
      throw new InputError('SAN_INVALID', `invalid subject alternative name: GeneralName tag 0x${node.tag.toString(16)} is not supported. Use dns, uri, email, ip or dirname.`);
  }
}

/** Decodes the extnValue of a subjectAltName extension. */
export function decodeGeneralNames(der: Buffer): SubjectAltName[] {
  return generalNameNodes(readRoot(der)).map(decodeGeneralName);
}

/** `dns:example.com` form, as accepted by parseSubjectAltName. */
export function formatSubjectAltName(san: SubjectAltName): string {
  return san.type === 'directoryName' ? `dirname:${formatDistinguishedName(san.attributes)}` : `${san.type}:${san.value}`;
}
