// The roles file of `serve --roles-config` (official helper issues 76, 126, PR 63): several roles
// or profiles served by one process. JSON, keys are the helper's own flag names:
//   { "roles": { "NAME": { "role-arn": "...", "profile-arn": "...", "certificate": "..." }, ... } }
// Each role's values override the command-line flags, which serve as defaults for all roles.
import { InputError } from '../../errors.js';
import { buildFlags, type FlagSpec, type FlagValue } from '../args/flag-spec.js';
import type { CREDENTIAL_FLAGS, CredentialFlags } from '../args/flags.js';

export interface ConfiguredRole {
  /** The IMDS role name and the container path segment (/v1/credentials/NAME). */
  name: string;
  values: CredentialFlags;
}

const ROLE_NAME = /^[A-Za-z0-9+=,.@_-]{1,64}$/;

function invalid(path: string, why: string): InputError {
  return new InputError('ROLES_CONFIG_INVALID', `cannot read the roles config: ${why} (${path}). Write {"roles": {"NAME": {"role-arn": "...", ...}}} with the helper's flag names.`);
}

function flagValue(spec: FlagSpec, value: unknown, where: string, path: string): FlagValue {
  if (spec.kind === 'string' && typeof value === 'string') return value;
  if (spec.kind === 'boolean' && typeof value === 'boolean') return value;
  if (spec.kind === 'integer' && typeof value === 'number' && Number.isInteger(value)) return value;
  throw invalid(path, `${where} must be ${spec.kind === 'integer' ? 'an integer' : `a ${spec.kind}`}`);
}

/** Parses the file's text into roles, each with its full flag values. */
export function parseRolesConfig(text: string, path: string, specs: typeof CREDENTIAL_FLAGS, defaults: CredentialFlags): ConfiguredRole[] {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw invalid(path, 'not valid JSON');
  }
  const roles = (document as { roles?: unknown } | null)?.roles;
  if (roles === null || typeof roles !== 'object' || Array.isArray(roles) || Object.keys(roles).length === 0) throw invalid(path, 'no "roles" object with at least one role');
  const byName = new Map<string, FlagSpec>(specs.map((s) => [s.name, s]));
  return Object.entries(roles as Record<string, unknown>).map(([name, settings]) => {
    if (!ROLE_NAME.test(name)) throw invalid(path, `role name ${JSON.stringify(name)} must be 1-64 characters of letters, digits and +=,.@_-`);
    if (settings === null || typeof settings !== 'object' || Array.isArray(settings)) throw invalid(path, `role ${name} must be an object of flags`);
    const overrides = new Map<string, FlagValue>();
    for (const [flag, value] of Object.entries(settings as Record<string, unknown>)) {
      const spec = byName.get(flag);
      if (!spec || spec.unsupported) throw invalid(path, `role ${name}: unknown or unsupported flag ${JSON.stringify(flag)}`);
      overrides.set(flag, flagValue(spec, value, `role ${name}: ${flag}`, path));
    }
    return { name, values: buildFlags(specs, (spec) => overrides.get(spec.name) ?? defaults[spec.name]) };
  });
}
