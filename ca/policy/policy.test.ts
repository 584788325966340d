// Templates and the session-tag rule: parsing, defaults, refusals.
import { describe, expect, it } from 'vitest';
import { InputError, RefusedError } from '../../errors.js';
import { parseDistinguishedName } from '../x509/distinguished-name.js';
import { parseSubjectAltName } from '../x509/subject-alt-name.js';
import { applyTemplate } from './apply-template.js';
import { assertTaggable, mappedTags } from './taggable.js';
import { parseTemplate } from './template.js';

const TEMPLATE = parseTemplate('web', JSON.stringify({
  subjectDefaults: 'O=Example,OU=Web',
  requiredAttributes: ['CN'],
  sanPatterns: ['dns:*.web.example.com'],
  keyTypes: ['ec-p256', 'ec-p384'],
  maxValidity: '14d',
}));

describe('parseTemplate', () => {
  it('reads every field', () => {
    expect(TEMPLATE).toMatchObject({ name: 'web', requiredAttributes: ['CN'], keyTypes: ['ec-p256', 'ec-p384'], maxValiditySeconds: 14 * 86_400 });
    expect(TEMPLATE.subjectDefaults).toEqual([{ type: 'O', value: 'Example' }, { type: 'OU', value: 'Web' }]);
  });

  it.each([
    ['bad name!', '{}', /names are 1-64 letters/],
    ['t', '[]', /must be a JSON object/],
    ['t', '{"requiredAttributes":["XX"]}', /unknown attribute XX/],
    ['t', '{"sanPatterns":["*.example.com"]}', /must start with dns:/],
    ['t', '{"maxValidity":"1d","defaultValidity":"2d"}', /defaultValidity is longer than maxValidity/],
    ['t', '{"subjectDefaults":{"O":"x"}}', /subjectDefaults must be a subject string/],
  ])('refuses %s %s', (name, body, message) => {
    expect(() => parseTemplate(name, body)).toThrow(InputError);
    expect(() => parseTemplate(name, body)).toThrow(message);
  });
});

describe('applyTemplate', () => {
  const request = (subject: string, sans: string[] = [], keyType = 'ec-p256', validitySeconds?: number) => ({
    subject: parseDistinguishedName(subject), sans: sans.map(parseSubjectAltName), keyType, validitySeconds,
  });

  it('puts defaults first and keeps requested attributes', () => {
    const applied = applyTemplate(TEMPLATE, request('CN=a,OU=Own', ['dns:a.web.example.com']));
    expect(applied.subject).toEqual(parseDistinguishedName('O=Example,CN=a,OU=Own'));
    expect(applied.validitySeconds).toBeUndefined();
  });

  it.each([
    ['a missing CN', request('O=x'), /lacks CN/],
    ['a SAN outside the patterns', request('CN=a', ['dns:a.example.com']), /matches none of/],
    ['a SAN that only matches as a prefix', request('CN=a', ['dns:a.web.example.com.evil.net']), /matches none of/],
    ['an RSA key', request('CN=a', [], 'rsa-2048'), /key type rsa-2048 is not allowed/],
    ['a long validity', request('CN=a', [], 'ec-p256', 15 * 86_400), /exceeds the maximum of 14 days/],
  ])('refuses %s', (_name, input, message) => {
    expect(() => applyTemplate(TEMPLATE, input)).toThrow(RefusedError);
    expect(() => applyTemplate(TEMPLATE, input)).toThrow(message);
  });

  it('with empty sanPatterns allows no SAN at all', () => {
    const strict = parseTemplate('strict', '{"sanPatterns":[]}');
    expect(() => applyTemplate(strict, request('CN=a', ['dns:a.example.com']))).toThrow(/no SANs allowed/);
    expect(applyTemplate(strict, request('CN=a')).subject).toHaveLength(1);
  });
});

describe('session tags', () => {
  it('maps subject attributes (joined by /) and the first DNS, URI and directory name', () => {
    const tags = mappedTags(parseDistinguishedName('CN=Alice,OU=Security,OU=Engineering'), ['dns:a.example.com', 'dns:b.example.com', 'uri:spiffe://x/y', 'dirname:CN=Alice', 'email:a@b.example'].map(parseSubjectAltName));
    expect(tags).toEqual([
      ['x509Subject/CN', 'Alice'], ['x509Subject/OU', 'Security/Engineering'],
      ['x509SAN/DNS', 'a.example.com'], ['x509SAN/URI', 'spiffe://x/y'], ['x509SAN/Name/CN', 'Alice'],
    ]);
  });

  it('ignores unmapped SANs (email, later DNS names) and refuses mapped ones', () => {
    expect(() => assertTaggable(parseDistinguishedName('CN=a'), ['dns:a.example.com', 'email:a+b@x.example'].map(parseSubjectAltName))).not.toThrow();
    expect(() => assertTaggable(parseDistinguishedName('CN=a'), [parseSubjectAltName('dirname:CN=x (y)')])).toThrow(/x509SAN\/Name\/CN/);
    expect(() => assertTaggable(parseDistinguishedName('CN=Root #1'), [], 'x509Issuer')).toThrow(/x509Issuer\/CN/);
  });
});
