// Evaluates a role trust policy for a Roles Anywhere AssumeRole (roles-anywhere.md §4.4): the
// service principal must be allowed sts:AssumeRole, sts:TagSession and sts:SetSourceIdentity;
// an explicit Deny wins; conditions are evaluated against the session's request context.
import { evaluateCondition, globMatches, type ContextValue, type RequestContext } from './condition-operators.js';
import type { ConditionClause, PolicyDocument, PolicyStatement, PrincipalSpec } from './policy-document.js';
import { ROLES_ANYWHERE_SERVICE_PRINCIPAL } from '../../roles-anywhere/constants.js';

export const ROLES_ANYWHERE_PRINCIPAL = ROLES_ANYWHERE_SERVICE_PRINCIPAL;
export const REQUIRED_ACTIONS: readonly string[] = ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'];

export interface TrustRequest {
  /** Service principal making the call. @default 'rolesanywhere.amazonaws.com' */
  principalService?: string;
  /** Actions that must all be allowed. @default REQUIRED_ACTIONS */
  actions?: readonly string[];
  /** Condition keys (any case) to values. */
  context: Readonly<Record<string, ContextValue>>;
}

export interface ConditionOutcome extends ConditionClause {
  /** The context's value(s) for the key, undefined when the key is missing. */
  contextValue: ContextValue | undefined;
  isMet: boolean;
}

export interface StatementOutcome {
  index: number;
  sid: string | undefined;
  effect: 'Allow' | 'Deny';
  isPrincipalMatched: boolean;
  isActionMatched: boolean;
  conditions: ConditionOutcome[];
  /** Principal, action and every condition matched. */
  isApplicable: boolean;
}

export interface ActionDecision {
  action: string;
  decision: 'allow' | 'explicit-deny' | 'implicit-deny';
  /** The statement that decided (the Deny, or the first Allow); undefined for an implicit deny. */
  decidedBy: StatementOutcome | undefined;
  /** Every statement's outcome for this action, for explanations. */
  statements: StatementOutcome[];
}

export interface TrustDecision {
  isAllowed: boolean;
  actions: ActionDecision[];
}

export function evaluateTrustPolicy(policy: PolicyDocument, request: TrustRequest): TrustDecision {
  const context: RequestContext = new Map(Object.entries(request.context).map(([k, v]) => [k.toLowerCase(), v]));
  const principal = request.principalService ?? ROLES_ANYWHERE_PRINCIPAL;
  const actions = (request.actions ?? REQUIRED_ACTIONS).map((action) => decideAction(policy, action, principal, context));
  return { isAllowed: actions.every((a) => a.decision === 'allow'), actions };
}

function decideAction(policy: PolicyDocument, action: string, principal: string, context: RequestContext): ActionDecision {
  const statements = policy.statements.map((s) => evaluateStatement(s, action, principal, context));
  const deny = statements.find((s) => s.isApplicable && s.effect === 'Deny');
  if (deny) return { action, decision: 'explicit-deny', decidedBy: deny, statements };
  const allow = statements.find((s) => s.isApplicable && s.effect === 'Allow');
  return { action, decision: allow ? 'allow' : 'implicit-deny', decidedBy: allow, statements };
}

function evaluateStatement(statement: PolicyStatement, action: string, principal: string, context: RequestContext): StatementOutcome {
  const isPrincipalMatched = statement.principal
    ? principalMatches(statement.principal, principal)
    // Non-null: policy-document.ts refuses a statement without exactly one of Principal and NotPrincipal; principal is unset on this branch.
    : !principalMatches(statement.notPrincipal!, principal);
  const isActionMatched = statement.actions
    ? statement.actions.some((p) => actionMatches(p, action))
    // Non-null: policy-document.ts refuses a statement without exactly one of Action and NotAction; actions is unset on this branch.
    : !statement.notActions!.some((p) => actionMatches(p, action));
  const conditions = statement.conditions.map((clause) => ({
    ...clause,
    contextValue: context.get(clause.key.toLowerCase()),
    isMet: evaluateCondition(clause.operator, clause.key, clause.values, context),
  }));
  return {
    index: statement.index,
    sid: statement.sid,
    effect: statement.effect,
    isPrincipalMatched,
    isActionMatched,
    conditions,
    isApplicable: isPrincipalMatched && isActionMatched && conditions.every((c) => c.isMet),
  };
}

function principalMatches(spec: PrincipalSpec, service: string): boolean {
  return spec.isAnyone || spec.services.includes(service);
}

/** Action names are case-insensitive and may use wildcards (`sts:*`). */
function actionMatches(pattern: string, action: string): boolean {
  return pattern === '*' || globMatches(pattern.toLowerCase(), action.toLowerCase());
}
