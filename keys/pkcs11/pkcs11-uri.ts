// RFC 7512 `pkcs11:` URIs: path attributes select a token and an object, query attributes carry
// the PIN source and the module. Pure: no I/O.
import { UsageError } from '../../errors.js';

export type Pkcs11ObjectType = 'private' | 'public' | 'cert' | 'secret-key' | 'data';

export interface Pkcs11Uri {
  token?: string;
  manufacturer?: string;
  model?: string;
  serial?: string;
  slotId?: number;
  slotDescription?: string;
  slotManufacturer?: string;
  libraryManufacturer?: string;
  libraryDescription?: string;
  libraryVersion?: string;
  /** CKA_LABEL. */
  object?: string;
  /** CKA_ID, percent-decoded bytes. */
  id?: Buffer;
  type?: Pkcs11ObjectType;
  pinValue?: string;
  /** A file path (a `file:` URI is turned into its path). */
  pinSource?: string;
  modulePath?: string;
  moduleName?: string;
}

const PATH_ATTRIBUTES: Record<string, keyof Pkcs11Uri> = {
  token: 'token',
  manufacturer: 'manufacturer',
  model: 'model',
  serial: 'serial',
  'slot-id': 'slotId',
  'slot-description': 'slotDescription',
  'slot-manufacturer': 'slotManufacturer',
  'library-manufacturer': 'libraryManufacturer',
  'library-description': 'libraryDescription',
  'library-version': 'libraryVersion',
  object: 'object',
  id: 'id',
  type: 'type',
};

const QUERY_ATTRIBUTES: Record<string, keyof Pkcs11Uri> = {
  'pin-value': 'pinValue',
  'pin-source': 'pinSource',
  'module-path': 'modulePath',
  'module-name': 'moduleName',
};

const OBJECT_TYPES: readonly string[] = ['private', 'public', 'cert', 'secret-key', 'data'];
const SCHEME = 'pkcs11:';

export function isPkcs11Uri(value: string | undefined): boolean {
  return value !== undefined && value.slice(0, SCHEME.length).toLowerCase() === SCHEME;
}

/** The URI as it may be shown: without pin-value (never echo a PIN). */
export function redactPkcs11Uri(value: string): string {
  const query = value.indexOf('?');
  if (query < 0) return value;
  const kept = value.slice(query + 1).split('&').filter((part) => !part.toLowerCase().startsWith('pin-value='));
  return kept.length ? `${value.slice(0, query)}?${kept.join('&')}` : value.slice(0, query);
}

/** `uri` naming `modulePath` in its module-path query attribute (replacing any it had). */
export function withModulePath(uri: string, modulePath: string): string {
  const query = uri.indexOf('?');
  const kept = query < 0 ? [] : uri.slice(query + 1).split('&').filter((part) => part !== '' && !part.toLowerCase().startsWith('module-path='));
  kept.push(`module-path=${encodeValue(modulePath).replace(/%2f/g, '/')}`);
  return `${query < 0 ? uri : uri.slice(0, query)}?${kept.join('&')}`;
}

function invalid(uri: string, why: string): UsageError {
  return new UsageError('PKCS11_URI_INVALID', `invalid PKCS#11 URI: ${why} (${redactPkcs11Uri(uri)}). Write it as in RFC 7512, e.g. pkcs11:token=NAME;object=LABEL?pin-source=FILE.`);
}

function percentDecode(raw: string, uri: string): Buffer {
  if (/%(?![0-9a-fA-F]{2})/.test(raw)) throw invalid(uri, `bad percent-encoding in "${raw.split('=')[0]}"`);
  const bytes: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === '%') {
      bytes.push(parseInt(raw.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      // Non-null: i < raw.length in the loop, so raw[i] exists.
      for (const b of Buffer.from(raw[i]!, 'utf8')) bytes.push(b);
    }
  }
  return Buffer.from(bytes);
}

function decodeText(raw: string, uri: string, name: string): string {
  const text = percentDecode(raw, uri).toString('utf8');
  if (text.includes('\uFFFD')) throw invalid(uri, `"${name}" is not UTF-8`);
  return text;
}

function assign(result: Pkcs11Uri, key: keyof Pkcs11Uri, raw: string, uri: string, name: string): void {
  if (result[key] !== undefined) throw invalid(uri, `"${name}" appears more than once`);
  if (key === 'id') {
    result.id = percentDecode(raw, uri);
    return;
  }
  const text = decodeText(raw, uri, name);
  if (key === 'slotId') {
    if (!/^\d+$/.test(text)) throw invalid(uri, `slot-id must be a decimal number, not "${text}"`);
    result.slotId = Number(text);
  } else if (key === 'type') {
    if (!OBJECT_TYPES.includes(text)) throw invalid(uri, `type must be one of ${OBJECT_TYPES.join(', ')}, not "${text}"`);
    result.type = text as Pkcs11ObjectType;
  } else if (key === 'pinSource') {
    result.pinSource = text.startsWith('file:') ? fileUriPath(text, uri) : text;
  } else {
    (result as Record<string, unknown>)[key] = text;
  }
}

function fileUriPath(value: string, uri: string): string {
  // file:///path and file:/path (RFC 8089); a remote host is not a local file.
  const match = /^file:(?:\/\/(?:localhost)?(\/[^/].*)|(\/[^/].*))$/.exec(value);
  if (!match) throw invalid(uri, `pin-source "${value}" is not a local file: URI`);
  // Non-null: the regular expression matched, and each of its alternatives captures its group.
  return (match[1] ?? match[2])!;
}

function parseAttributes(part: string, separator: string, table: Record<string, keyof Pkcs11Uri>, result: Pkcs11Uri, uri: string): void {
  if (part === '') return;
  for (const attribute of part.split(separator)) {
    const equals = attribute.indexOf('=');
    if (equals <= 0) throw invalid(uri, `"${attribute}" is not name=value`);
    const name = attribute.slice(0, equals).toLowerCase();
    const key = table[name];
    if (!key) {
      // Vendor attributes (x-...) are allowed and ignored; anything else is a mistake.
      if (name.startsWith('x-')) continue;
      throw invalid(uri, `unknown attribute "${name}"`);
    }
    assign(result, key, attribute.slice(equals + 1), uri, name);
  }
}

/** Parses a `pkcs11:` URI; a bad one throws PKCS11_URI_INVALID (exit 2) without the PIN. */
export function parsePkcs11Uri(uri: string): Pkcs11Uri {
  if (!isPkcs11Uri(uri)) throw invalid(uri, 'it does not start with pkcs11:');
  const body = uri.slice(SCHEME.length);
  if (body.includes('#')) throw invalid(uri, 'a fragment (#) is not allowed');
  const query = body.indexOf('?');
  const path = query < 0 ? body : body.slice(0, query);
  const result: Pkcs11Uri = {};
  parseAttributes(path, ';', PATH_ATTRIBUTES, result, uri);
  if (query >= 0) parseAttributes(body.slice(query + 1), '&', QUERY_ATTRIBUTES, result, uri);
  if (result.pinValue !== undefined && result.pinSource !== undefined) throw invalid(uri, 'pin-value and pin-source cannot both be given');
  return result;
}

function encodeValue(value: string | Buffer): string {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  let out = '';
  for (const b of bytes) {
    const ch = String.fromCharCode(b);
    out += typeof value !== 'string' || !/[A-Za-z0-9\-._~:[\]@!$'()*+,=&]/.test(ch) ? `%${b.toString(16).padStart(2, '0')}` : ch;
  }
  return out;
}

/** Formats a token object as a URI (for listings and the CA's settings); never with a PIN. */
export function formatPkcs11Uri(uri: Pick<Pkcs11Uri, 'token' | 'manufacturer' | 'model' | 'serial' | 'object' | 'id' | 'type'> & { modulePath?: string }): string {
  const parts: string[] = [];
  for (const [name, value] of [['model', uri.model], ['manufacturer', uri.manufacturer], ['serial', uri.serial], ['token', uri.token], ['object', uri.object]] as const) {
    if (value !== undefined && value !== '') parts.push(`${name}=${encodeValue(value)}`);
  }
  if (uri.id && uri.id.length > 0) parts.push(`id=${encodeValue(uri.id)}`);
  if (uri.type) parts.push(`type=${uri.type}`);
  const query = uri.modulePath ? `?module-path=${encodeValue(uri.modulePath).replace(/%2f/g, '/')}` : '';
  return `${SCHEME}${parts.join(';')}${query}`;
}
