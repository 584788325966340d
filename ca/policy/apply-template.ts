// Applies an issuance template to a request: subject defaults, then every rule, or a refusal.
import { RefusedError } from '../../errors.js';
import type { NameAttribute } from '../x509/distinguished-name.js';
import { formatSubjectAltName, type SubjectAltName } from '../x509/subject-alt-name.js';
import type { Template } from './template.js';

export interface TemplateRequest {
  subject: NameAttribute[];
  sans: SubjectAltName[];
  keyType: string;
  validitySeconds?: number;
}

function refuse(template: Template, why: string): never {
  throw new RefusedError('TEMPLATE_VIOLATION', `refused by template ${template.name}: ${why}. Change the request or use another template.`);
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${escaped}$`, 'i');
}

/** The request with defaults filled in; throws TEMPLATE_VIOLATION when it breaks a rule. */
export function applyTemplate(template: Template, request: TemplateRequest): TemplateRequest {
  const present = new Set(request.subject.map((a) => a.shortName));
  const subject = [...template.subjectDefaults.filter((a) => !present.has(a.shortName)), ...request.subject];
  const missing = template.requiredAttributes.filter((type) => !subject.some((a) => a.shortName === type));
  if (missing.length > 0) refuse(template, `the subject lacks ${missing.join(', ')}`);
  if (template.keyTypes && !template.keyTypes.includes(request.keyType)) {
    refuse(template, `key type ${request.keyType} is not allowed (allowed: ${template.keyTypes.join(', ')})`);
  }
  if (template.sanPatterns) {
    const patterns = template.sanPatterns.map(globToRegExp);
    const outside = request.sans.map(formatSubjectAltName).find((san) => !patterns.some((p) => p.test(san)));
    if (outside !== undefined) refuse(template, `SAN ${outside} matches none of ${template.sanPatterns.join(', ') || '(no SANs allowed)'}`);
  }
  const validitySeconds = request.validitySeconds ?? template.defaultValiditySeconds;
  if (template.maxValiditySeconds !== undefined && validitySeconds !== undefined && validitySeconds > template.maxValiditySeconds) {
    refuse(template, `validity ${validitySeconds / 86_400} days exceeds the maximum of ${template.maxValiditySeconds / 86_400} days`);
  }
  return { subject, sans: request.sans, keyType: request.keyType, validitySeconds };
}
