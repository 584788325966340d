// Object identifiers the CA writes (RFC 5280, RFC 2986, RFC 2985, RFC 7292); algorithms are in x509/algorithms.ts.
import { EXTENSION_OID } from '../../x509/oids.js';

export const OID = {
  ...EXTENSION_OID,
  extensionRequest: '1.2.840.113549.1.9.14',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  pkcs7Data: '1.2.840.113549.1.7.1',
  pkcs8ShroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  localKeyId: '1.2.840.113549.1.9.21',
  friendlyName: '1.2.840.113549.1.9.20',
} as const;
