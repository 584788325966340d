// Session-tag rules that certificate attributes must meet to become principal tags
// (roles-anywhere.md §4.1, from the STS model): values <= 256 characters of [\p{L}\p{Z}\p{N}_.:/=+\-@].
import { MAX_SESSION_TAG_VALUE_LENGTH, SESSION_TAG_VALUE_PATTERN } from './service-limits.js';

/** Why a value cannot be a session tag, or undefined when it can. */
export function untaggableReason(value: string): string | undefined {
  if (value.length > MAX_SESSION_TAG_VALUE_LENGTH) return `longer than ${MAX_SESSION_TAG_VALUE_LENGTH} characters`;
  const bad = [...value].find((c) => !SESSION_TAG_VALUE_PATTERN.test(c));
  return bad === undefined ? undefined : `character ${JSON.stringify(bad)} is not allowed in a session tag`;
}
