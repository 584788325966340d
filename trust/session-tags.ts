// Session-tag rules that certificate attributes must meet to become principal tags
// (roles-anywhere.md §4.1, from the STS model): values <= 256 characters of [\p{L}\p{Z}\p{N}_.:/=+\-@].

export const MAX_TAG_VALUE_LENGTH = 256;
export const MAX_SESSION_TAGS = 50;
export const TAG_VALUE_PATTERN = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** Why a value cannot be a session tag, or undefined when it can. */
export function untaggableReason(value: string): string | undefined {
  if (value.length > MAX_TAG_VALUE_LENGTH) return `longer than ${MAX_TAG_VALUE_LENGTH} characters`;
  const bad = [...value].find((c) => !TAG_VALUE_PATTERN.test(c));
  return bad === undefined ? undefined : `character ${JSON.stringify(bad)} is not allowed in a session tag`;
}
