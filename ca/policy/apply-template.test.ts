// applyTemplate: subject defaults first, then every rule or a TEMPLATE_VIOLATION refusal.
import { describe, expect, it } from 'vitest';
import { RefusedError } from '../../errors.js';
import { parseDistinguishedName } from '../x509/distinguished-name.js';
import { parseSubjectAltName } from '../x509/subject-alt-name.js';
import { applyTemplate } from './apply-template.js';
import { parseTemplate } from './template.js';

const TEMPLATE = parseTemplate('web', JSON.stringify({
  subjectDefaults: 'O=Example,OU=Web',
  requiredAttributes: ['CN'],
  sanPatterns: ['dns:*.web.example.com'],
  keyTypes: ['ec-p256', 'ec-p384'],
  maxValidity: '14d',
}));

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
