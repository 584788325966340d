// The STS role session name rule (roles-anywhere.md §1.6): 2..64 characters of [\w+=,.@-].
import { ROLE_SESSION_NAME_MAX_LENGTH, ROLE_SESSION_NAME_MIN_LENGTH, ROLE_SESSION_NAME_PATTERN } from './service-limits.js';

const SESSION_NAME = new RegExp(`^(?:${ROLE_SESSION_NAME_PATTERN})$`);

export function isRoleSessionName(text: string): boolean {
  return text.length >= ROLE_SESSION_NAME_MIN_LENGTH && text.length <= ROLE_SESSION_NAME_MAX_LENGTH && SESSION_NAME.test(text);
}
