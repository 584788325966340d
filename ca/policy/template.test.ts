// Issuance templates: parsing and validation of the stored JSON.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../errors.js';
import { parseTemplate } from './template.js';
import { nameAttribute } from '../x509/distinguished-name.js';

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
    expect(TEMPLATE.subjectDefaults).toEqual([nameAttribute('O', 'Example'), nameAttribute('OU', 'Web')]);
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
