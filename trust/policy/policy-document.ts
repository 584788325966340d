// An IAM role trust policy (IAM JSON policy grammar): read from untrusted JSON into typed
// statements, rejecting what IAM itself would reject when the policy is stored.
import { isKnownOperator } from './condition-operators.js';

export interface ConditionClause {
  /** As written, e.g. `ForAnyValue:StringLike` or `StringEqualsIfExists`. */
  operator: string;
  /** Condition key as written (matched case-insensitively). */
  key: string;
  values: string[];
}

export interface PrincipalSpec {
  /** `"Principal": "*"` */
  isAnyone: boolean;
  services: string[];
  others: string[];
}

export interface PolicyStatement {
  index: number;
  sid: string | undefined;
  effect: 'Allow' | 'Deny';
  principal: PrincipalSpec | undefined;
  notPrincipal: PrincipalSpec | undefined;
  actions: string[] | undefined;
  notActions: string[] | undefined;
  conditions: ConditionClause[];
}

export interface PolicyDocument {
  statements: PolicyStatement[];
}

/** A policy IAM would refuse; `path` names the offending element. */
export class PolicyDocumentError extends Error {
  readonly path: string;
  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.path = path;
  }
}

export function parsePolicyDocument(document: unknown): PolicyDocument {
  const text = typeof document === 'string' ? safeParse(document) : document;
  if (!isRecord(text)) throw new PolicyDocumentError('policy', 'must be a JSON object');
  const raw = text.Statement;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  if (list.length === 0) throw new PolicyDocumentError('Statement', 'must contain at least one statement');
  return { statements: list.map((s, i) => parseStatement(s, i)) };
}

function parseStatement(raw: unknown, index: number): PolicyStatement {
  const path = `Statement[${index}]`;
  if (!isRecord(raw)) throw new PolicyDocumentError(path, 'must be an object');
  if (raw.Effect !== 'Allow' && raw.Effect !== 'Deny') throw new PolicyDocumentError(`${path}.Effect`, 'must be "Allow" or "Deny"');
  if ((raw.Action === undefined) === (raw.NotAction === undefined)) {
    throw new PolicyDocumentError(path, 'needs exactly one of Action and NotAction');
  }
  if ((raw.Principal === undefined) === (raw.NotPrincipal === undefined)) {
    throw new PolicyDocumentError(path, 'a trust policy statement needs exactly one of Principal and NotPrincipal');
  }
  return {
    index,
    sid: typeof raw.Sid === 'string' ? raw.Sid : undefined,
    effect: raw.Effect,
    principal: raw.Principal === undefined ? undefined : parsePrincipal(raw.Principal, `${path}.Principal`),
    notPrincipal: raw.NotPrincipal === undefined ? undefined : parsePrincipal(raw.NotPrincipal, `${path}.NotPrincipal`),
    actions: raw.Action === undefined ? undefined : stringList(raw.Action, `${path}.Action`),
    notActions: raw.NotAction === undefined ? undefined : stringList(raw.NotAction, `${path}.NotAction`),
    conditions: raw.Condition === undefined ? [] : parseConditions(raw.Condition, `${path}.Condition`),
  };
}

function parsePrincipal(raw: unknown, path: string): PrincipalSpec {
  if (raw === '*') return { isAnyone: true, services: [], others: [] };
  if (!isRecord(raw)) throw new PolicyDocumentError(path, 'must be "*" or an object');
  const spec: PrincipalSpec = { isAnyone: false, services: [], others: [] };
  for (const [type, value] of Object.entries(raw)) {
    const values = stringList(value, `${path}.${type}`);
    if (type === 'Service') spec.services.push(...values);
    else if (type === 'AWS' || type === 'Federated' || type === 'CanonicalUser') spec.others.push(...values);
    else throw new PolicyDocumentError(`${path}.${type}`, 'unknown principal type');
  }
  return spec;
}

function parseConditions(raw: unknown, path: string): ConditionClause[] {
  if (!isRecord(raw)) throw new PolicyDocumentError(path, 'must be an object');
  const clauses: ConditionClause[] = [];
  for (const [operator, block] of Object.entries(raw)) {
    if (!isKnownOperator(operator)) throw new PolicyDocumentError(`${path}.${operator}`, 'unsupported condition operator');
    if (!isRecord(block)) throw new PolicyDocumentError(`${path}.${operator}`, 'must be an object of condition keys');
    for (const [key, value] of Object.entries(block)) {
      const values = (Array.isArray(value) ? value : [value]).map((v) => {
        if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
        throw new PolicyDocumentError(`${path}.${operator}.${key}`, 'values must be strings, numbers or booleans');
      });
      clauses.push({ operator, key, values });
    }
  }
  return clauses;
}

function stringList(raw: unknown, path: string): string[] {
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.length === 0 || !list.every((v): v is string => typeof v === 'string')) {
    throw new PolicyDocumentError(path, 'must be a string or a non-empty array of strings');
  }
  return list;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new PolicyDocumentError('policy', 'is not valid JSON');
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
