// CreateSession parameters (roles-anywhere.md §1.2): the three ARNs from the query string or the
// JSON body, durationSeconds, roleSessionName and instanceProperties.
import { parseQueryString } from '../../../credential-process/sigv4-x509/canonical-query.js';
import { validationError } from '../../errors.js';
import { ARN_RULE, SESSION_DURATION_RANGE, Validator } from '../validation.js';
import {
  INSTANCE_PROPERTY_MAX_LENGTH,
  MAX_INSTANCE_PROPERTIES,
  ROLE_SESSION_NAME_MAX_LENGTH,
  ROLE_SESSION_NAME_MIN_LENGTH,
  ROLE_SESSION_NAME_PATTERN,
} from '../../../roles-anywhere/service-limits.js';
import type { SessionRequest } from './session-request.js';

export interface SessionParameters {
  profileArn: string | undefined;
  roleArn: string;
  trustAnchorArn: string | undefined;
  durationSeconds: number | undefined;
  roleSessionName: string | undefined;
  instanceProperties: Record<string, string> | undefined;
}

export const ROLE_SESSION_NAME_RULE = { min: ROLE_SESSION_NAME_MIN_LENGTH, max: ROLE_SESSION_NAME_MAX_LENGTH, pattern: ROLE_SESSION_NAME_PATTERN };

function readBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw validationError('Invalid JSON in the request body', 'the CreateSession body does not parse as JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw validationError('Invalid JSON in the request body', 'the CreateSession body is not a JSON object');
  }
  return parsed as Record<string, unknown>;
}

export function readSessionParameters(request: SessionRequest): SessionParameters {
  const query = new Map(parseQueryString(request.rawQuery));
  const body = readBody(request.body);
  const pick = (name: string): unknown => query.get(name) ?? body[name];
  const v = new Validator();
  const profileArn = pick('profileArn');
  const roleArn = pick('roleArn');
  const trustAnchorArn = pick('trustAnchorArn');
  v.string('profileArn', profileArn);
  if (v.required('roleArn', roleArn)) v.string('roleArn', roleArn, ARN_RULE);
  v.string('trustAnchorArn', trustAnchorArn);
  v.integer('durationSeconds', body.durationSeconds, SESSION_DURATION_RANGE);
  v.string('roleSessionName', body.roleSessionName, ROLE_SESSION_NAME_RULE);
  const properties = body.instanceProperties;
  if (properties !== undefined && (typeof properties !== 'object' || properties === null || Array.isArray(properties))) {
    v.add('instanceProperties', properties, 'Member must be a map');
  } else if (properties !== undefined) {
    const entries = Object.entries(properties as Record<string, unknown>);
    if (entries.length > MAX_INSTANCE_PROPERTIES) v.add('instanceProperties', JSON.stringify(properties), `Member must have length less than or equal to ${MAX_INSTANCE_PROPERTIES}`);
    for (const [key, value] of entries) {
      v.string(`instanceProperties.${key}`, key, { min: 1, max: INSTANCE_PROPERTY_MAX_LENGTH });
      v.string(`instanceProperties.${key}`, value, { min: 1, max: INSTANCE_PROPERTY_MAX_LENGTH });
    }
  }
  v.check();
  return {
    profileArn: profileArn as string | undefined,
    roleArn: roleArn as string,
    trustAnchorArn: trustAnchorArn as string | undefined,
    durationSeconds: body.durationSeconds as number | undefined,
    roleSessionName: body.roleSessionName as string | undefined,
    instanceProperties: properties as Record<string, string> | undefined,
  };
}
