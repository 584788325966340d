// The session-tag rule for issued names (roles-anywhere.md §4.1): every value Roles Anywhere maps
// into a principal tag under the default attribute mappings must be a valid STS tag value, or
// CreateSession fails for the certificate. The mapping itself is roles-anywhere/'s derivePrincipalTags.
import { RefusedError } from '../../errors.js';
import { defaultAttributeMappings, derivePrincipalTags } from '../../roles-anywhere/index.js';
import { formatDistinguishedName, type NameAttribute } from '../x509/distinguished-name.js';
import type { SubjectAltName } from '../x509/subject-alt-name.js';

export interface TaggableInput {
  subject: readonly NameAttribute[];
  sans: readonly SubjectAltName[];
  /** Checked as `x509Issuer` (for a CA's own subject). */
  issuer?: readonly NameAttribute[];
}

/** Refuses a name whose mapped values cannot become session tags, or that maps to too many tags. */
export function assertTaggable(input: TaggableInput): void {
  const result = derivePrincipalTags(
    { subject: input.subject, issuer: input.issuer ?? [], subjectAltNames: input.sans },
    defaultAttributeMappings(),
    'fail',
  );
  const shown = formatDistinguishedName(input.issuer ?? input.subject);
  const [first] = result.untaggable;
  if (first) {
    throw new RefusedError('UNTAGGABLE_ATTRIBUTE', `refused: ${first.field}/${first.name} cannot become a Roles Anywhere session tag: ${first.reason} (${shown}). Change the value or pass --allow-untaggable.`);
  }
  if (result.tooMany) {
    throw new RefusedError('UNTAGGABLE_ATTRIBUTE', `refused: the name maps to ${result.tags.size} session tags, more than STS accepts (${shown}). Use fewer attributes or pass --allow-untaggable.`);
  }
}
