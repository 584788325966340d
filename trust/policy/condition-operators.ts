// IAM condition operators (IAM User Guide, "Condition operators"; roles-anywhere.md §4.4):
// String*, Arn*, Null and Bool, with the ForAnyValue:/ForAllValues: set qualifiers, the
// ...IfExists suffix and the rules for keys missing from the request context.

export type ContextValue = string | readonly string[];

/** Request context keyed by lower-cased condition key. */
export type RequestContext = ReadonlyMap<string, ContextValue>;

interface Operator {
  /** Negated operators are true for a missing key and match when no policy value matches. */
  isNegated: boolean;
  matches(contextValue: string, policyValue: string): boolean;
}

const OPERATORS: ReadonlyMap<string, Operator> = new Map([
  ['StringEquals', { isNegated: false, matches: (c: string, p: string) => c === p }],
  ['StringNotEquals', { isNegated: true, matches: (c: string, p: string) => c === p }],
  ['StringEqualsIgnoreCase', { isNegated: false, matches: (c: string, p: string) => c.toLowerCase() === p.toLowerCase() }],
  ['StringNotEqualsIgnoreCase', { isNegated: true, matches: (c: string, p: string) => c.toLowerCase() === p.toLowerCase() }],
  ['StringLike', { isNegated: false, matches: (c: string, p: string) => globMatches(p, c) }],
  ['StringNotLike', { isNegated: true, matches: (c: string, p: string) => globMatches(p, c) }],
  ['ArnEquals', { isNegated: false, matches: arnMatches }],
  ['ArnLike', { isNegated: false, matches: arnMatches }],
  ['ArnNotEquals', { isNegated: true, matches: arnMatches }],
  ['ArnNotLike', { isNegated: true, matches: arnMatches }],
  ['Bool', { isNegated: false, matches: (c: string, p: string) => c.toLowerCase() === p.toLowerCase() }],
]);

interface ParsedOperator {
  qualifier: 'ForAnyValue' | 'ForAllValues' | undefined;
  base: string;
  isIfExists: boolean;
}

function parseOperator(operator: string): ParsedOperator {
  let rest = operator;
  let qualifier: ParsedOperator['qualifier'];
  for (const q of ['ForAnyValue', 'ForAllValues'] as const) {
    if (rest.startsWith(`${q}:`)) {
      qualifier = q;
      rest = rest.slice(q.length + 1);
    }
  }
  const isIfExists = rest.endsWith('IfExists') && rest !== 'IfExists';
  return { qualifier, base: isIfExists ? rest.slice(0, -'IfExists'.length) : rest, isIfExists };
}

export function isKnownOperator(operator: string): boolean {
  const parsed = parseOperator(operator);
  if (parsed.base === 'Null') return parsed.qualifier === undefined && !parsed.isIfExists;
  return OPERATORS.has(parsed.base);
}

/** Evaluates one condition key of one operator block against the request context. */
export function evaluateCondition(operator: string, key: string, policyValues: readonly string[], context: RequestContext): boolean {
  const parsed = parseOperator(operator);
  const raw = context.get(key.toLowerCase());
  const contextValues = raw === undefined ? [] : typeof raw === 'string' ? [raw] : [...raw];
  const isMissing = raw === undefined;
  if (parsed.base === 'Null') {
    return policyValues.some((v) => (v.toLowerCase() === 'true' ? isMissing : !isMissing));
  }
  const op = OPERATORS.get(parsed.base);
  if (!op) return false;
  const values = policyValues.map((v) => substituteVariables(v, context));
  const matchesAny = (c: string): boolean => values.some((v) => v !== undefined && op.matches(c, v));
  const isSatisfiedBy = (c: string): boolean => (op.isNegated ? !matchesAny(c) : matchesAny(c));
  if (parsed.qualifier === 'ForAllValues') return contextValues.every(isSatisfiedBy);
  if (isMissing || contextValues.length === 0) {
    if (parsed.isIfExists) return true;
    return parsed.qualifier === undefined && op.isNegated;
  }
  if (parsed.qualifier === 'ForAnyValue') return contextValues.some(isSatisfiedBy);
  return op.isNegated ? contextValues.every(isSatisfiedBy) : contextValues.some(isSatisfiedBy);
}

/**
 * Replaces `${key}` policy variables with single-valued context values. Returns undefined when a
 * variable has no value, so the policy value matches nothing (as in IAM).
 */
export function substituteVariables(value: string, context: RequestContext): string | undefined {
  if (!value.includes('${')) return value;
  let missing = false;
  const result = value.replace(/\$\{([^}]+)\}/g, (_all, name: string) => {
    if (name === '*' || name === '?' || name === '$') return name;
    const found = context.get(name.toLowerCase());
    if (typeof found !== 'string') {
      missing = true;
      return '';
    }
    return found;
  });
  return missing ? undefined : result;
}

/** `*` matches any run of characters and `?` any one character; case-sensitive. */
export function globMatches(pattern: string, text: string): boolean {
  // Two-pointer wildcard matching with one backtrack point: linear in practice, no RegExp.
  let p = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    if (p < pattern.length && (pattern[p] === '?' || (pattern[p] !== '*' && pattern[p] === text[t]))) {
      p++;
      t++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      resume = t;
    } else if (star >= 0) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/** ARN matching compares the six colon-separated parts one by one, each a glob. */
function arnMatches(contextValue: string, policyValue: string): boolean {
  const context = splitArn(contextValue);
  const policy = splitArn(policyValue);
  if (!context) return false;
  if (!policy) return globMatches(policyValue, contextValue);
  // Non-null: splitArn returns exactly six parts for both ARNs.
  return policy.every((part, i) => globMatches(part, context[i]!));
}

function splitArn(arn: string): string[] | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return [...parts.slice(0, 5), parts.slice(5).join(':')];
}
