// A trust-policy decision as data for `policy explain`: each statement once, with the actions it
// applies to and each condition's pass or fail and the value compared.
import type { ContextValue, TrustDecision } from '../trust/index.js';

export interface ConditionReport {
  operator: string;
  key: string;
  values: string[];
  /** The request's value, undefined when the key is missing. */
  contextValue: ContextValue | undefined;
  isMet: boolean;
}

export interface StatementReport {
  index: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  isPrincipalMatched: boolean;
  /** Of the required actions, those the statement lists. */
  actions: string[];
  conditions: ConditionReport[];
}

export function describeTrustDecision(decision: TrustDecision): {
  isAllowed: boolean;
  actions: Array<{ action: string; decision: string; decidedBy?: number }>;
  statements: StatementReport[];
} {
  const first = decision.actions[0]?.statements ?? [];
  const statements = first.map((s): StatementReport => ({
    index: s.index,
    ...(s.sid === undefined ? {} : { sid: s.sid }),
    effect: s.effect,
    isPrincipalMatched: s.isPrincipalMatched,
    actions: decision.actions.filter((a) => a.statements[s.index]?.isActionMatched).map((a) => a.action),
    conditions: s.conditions.map((c) => ({ operator: c.operator, key: c.key, values: c.values, contextValue: c.contextValue, isMet: c.isMet })),
  }));
  const actions = decision.actions.map((a) => ({ action: a.action, decision: a.decision, ...(a.decidedBy ? { decidedBy: a.decidedBy.index } : {}) }));
  return { isAllowed: decision.isAllowed, actions, statements };
}
