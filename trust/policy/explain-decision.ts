// Human-readable explanation of a trust-policy decision: which statement or condition decided.
import type { ContextValue } from './condition-operators.js';
import type { ActionDecision, StatementOutcome, TrustDecision } from './evaluate-trust-policy.js';

/** One line per action, followed by the reasons of any action that was not allowed. */
export function explainDecision(decision: TrustDecision): string[] {
  const lines: string[] = [];
  for (const action of decision.actions) lines.push(...explainAction(action));
  return lines;
}

function explainAction(action: ActionDecision): string[] {
  // Non-null: an allow or explicit-deny decision always names the statement that decided it.
  if (action.decision === 'allow') return [`${action.action}: allowed by ${statementName(action.decidedBy!)}`];
  if (action.decision === 'explicit-deny') {
    // Non-null: an allow or explicit-deny decision always names the statement that decided it.
    return [`${action.action}: explicitly denied by ${statementName(action.decidedBy!)}`];
  }
  const lines = [`${action.action}: implicitly denied (no Allow statement applies)`];
  for (const statement of action.statements) {
    if (statement.effect !== 'Allow') continue;
    lines.push(`  ${statementName(statement)}: ${whyNot(statement)}`);
  }
  return lines;
}

function whyNot(statement: StatementOutcome): string {
  if (!statement.isPrincipalMatched) return 'principal does not match rolesanywhere.amazonaws.com';
  if (!statement.isActionMatched) return 'action not listed';
  const failed = statement.conditions.filter((c) => !c.isMet);
  return failed
    .map((c) => `${c.operator} ${c.key} ${JSON.stringify(c.values)} not met (request has ${formatValue(c.contextValue)})`)
    .join('; ');
}

function statementName(statement: StatementOutcome): string {
  return statement.sid === undefined ? `statement ${statement.index}` : `statement ${statement.index} (Sid ${JSON.stringify(statement.sid)})`;
}

function formatValue(value: ContextValue | undefined): string {
  return value === undefined ? 'no such key' : JSON.stringify(value);
}
