// Request validation with the service's (Coral) message form (roles-anywhere.md §1.8):
// "1 validation error detected: Value 'x' at 'name' failed to satisfy constraint: Member must ...".
import {
  MAX_ARN_LENGTH,
  MAX_SESSION_DURATION_SECONDS,
  MIN_SESSION_DURATION_SECONDS,
  RESOURCE_ID_PATTERN,
  RESOURCE_NAME_MAX_LENGTH,
  RESOURCE_NAME_PATTERN,
  RESOURCE_TAG_KEY_MAX_LENGTH,
  RESOURCE_TAG_PATTERN,
  RESOURCE_TAG_VALUE_MAX_LENGTH,
  ROLE_ARN_MODEL_PATTERN,
  TRUST_ANCHOR_ARN_MODEL_PATTERN,
} from '../../roles-anywhere/service-limits.js';
import { EmulatorServiceError, validationError } from '../errors.js';

export interface StringRule {
  min?: number;
  max?: number;
  pattern?: string;
  enumValues?: readonly string[];
}

/** Collects constraint violations of one request, then fails with all of them at once. */
export class Validator {
  private readonly violations: string[] = [];

  required(path: string, value: unknown): boolean {
    if (value === undefined || value === null) {
      this.violations.push(`Value null at '${path}' failed to satisfy constraint: Member must not be null`);
      return false;
    }
    return true;
  }

  string(path: string, value: unknown, rule: StringRule = {}): value is string {
    if (value === undefined || value === null) return false;
    if (typeof value !== 'string') {
      this.add(path, value, 'Member must be a string');
      return false;
    }
    if (rule.min !== undefined && value.length < rule.min) this.add(path, value, `Member must have length greater than or equal to ${rule.min}`);
    if (rule.max !== undefined && value.length > rule.max) this.add(path, value, `Member must have length less than or equal to ${rule.max}`);
    if (rule.pattern !== undefined && !new RegExp(`^(?:${rule.pattern})$`).test(value)) {
      this.add(path, value, `Member must satisfy regular expression pattern: ${rule.pattern}`);
    }
    if (rule.enumValues && !rule.enumValues.includes(value)) {
      this.add(path, value, `Member must satisfy enum value set: [${rule.enumValues.join(', ')}]`);
    }
    return true;
  }

  integer(path: string, value: unknown, range: { min?: number; max?: number } = {}): value is number {
    if (value === undefined || value === null) return false;
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      this.add(path, value, 'Member must be an integer');
      return false;
    }
    if (range.min !== undefined && value < range.min) this.add(path, value, `Member must have value greater than or equal to ${range.min}`);
    if (range.max !== undefined && value > range.max) this.add(path, value, `Member must have value less than or equal to ${range.max}`);
    return true;
  }

  boolean(path: string, value: unknown): value is boolean {
    if (value === undefined || value === null) return false;
    if (typeof value !== 'boolean') {
      this.add(path, value, 'Member must be a boolean');
      return false;
    }
    return true;
  }

  list(path: string, value: unknown, range: { min?: number; max?: number } = {}): value is unknown[] {
    if (value === undefined || value === null) return false;
    if (!Array.isArray(value)) {
      this.add(path, value, 'Member must be a list');
      return false;
    }
    if (range.min !== undefined && value.length < range.min) this.add(path, value, `Member must have length greater than or equal to ${range.min}`);
    if (range.max !== undefined && value.length > range.max) this.add(path, value, `Member must have length less than or equal to ${range.max}`);
    return true;
  }

  add(path: string, value: unknown, constraint: string): void {
    this.violations.push(`Value '${display(value)}' at '${path}' failed to satisfy constraint: ${constraint}`);
  }

  /** Throws when any violation was recorded: ValidationException (Roles Anywhere) or ValidationError (IAM, STS). */
  check(type: 'ValidationException' | 'ValidationError' = 'ValidationException'): void {
    const error = this.error(type);
    if (error) throw error;
  }

  error(type: 'ValidationException' | 'ValidationError' = 'ValidationException'): EmulatorServiceError | undefined {
    const count = this.violations.length;
    if (count === 0) return undefined;
    const noun = count === 1 ? 'error' : 'errors';
    const message = `${count} validation ${noun} detected: ${this.violations.join('; ')}`;
    return type === 'ValidationException' ? validationError(message) : new EmulatorServiceError('ValidationError', 400, message);
  }
}

function display(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(display).join(', ')}]`;
  if (Buffer.isBuffer(value)) return `java.nio.HeapByteBuffer[pos=0 lim=${value.length} cap=${value.length}]`;
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

/** A resource id in the path (trustAnchorId, profileId, crlId, subjectId): required, a UUID. */
export function validateId(v: Validator, path: string, value: unknown): void {
  if (v.required(path, value)) v.string(path, value, UUID_RULE);
}

export const RESOURCE_NAME_RULE: StringRule = { min: 1, max: RESOURCE_NAME_MAX_LENGTH, pattern: RESOURCE_NAME_PATTERN };
export const UUID_RULE: StringRule = { min: 36, max: 36, pattern: RESOURCE_ID_PATTERN };
export const ARN_RULE: StringRule = { min: 1, max: MAX_ARN_LENGTH };
export const ROLE_ARN_RULE: StringRule = { ...ARN_RULE, pattern: ROLE_ARN_MODEL_PATTERN };
export const TRUST_ANCHOR_ARN_RULE: StringRule = { ...ARN_RULE, pattern: TRUST_ANCHOR_ARN_MODEL_PATTERN };
export const SESSION_DURATION_RANGE = { min: MIN_SESSION_DURATION_SECONDS, max: MAX_SESSION_DURATION_SECONDS };
export const TAG_KEY_RULE: StringRule = { min: 1, max: RESOURCE_TAG_KEY_MAX_LENGTH, pattern: RESOURCE_TAG_PATTERN };
export const TAG_VALUE_RULE: StringRule = { min: 0, max: RESOURCE_TAG_VALUE_MAX_LENGTH, pattern: RESOURCE_TAG_PATTERN };
