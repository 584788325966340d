// Text form of `iamra policy explain`: tags, source identity, session name, every check and every
// statement condition with pass or fail and the value compared, then the decision.
import type { AccessExplanation } from '../../access/explain-access.js';

export function renderExplanation(result: AccessExplanation): string {
  const lines: string[] = [`certificate: ${result.certificate.subject} (serial ${result.certificate.serialHex}, issuer ${result.certificate.issuer})`];
  lines.push('principal tags (after attribute mappings):');
  for (const [key, value] of Object.entries(result.principalTags)) lines.push(`  ${key} = ${value}`);
  for (const u of result.untaggable) lines.push(`  ${u.field}/${u.name}: not a valid tag value (${u.reason})${u.dropped ? ', dropped' : ''}`);
  lines.push(`source identity: ${result.sourceIdentity ?? '(none)'}`);
  lines.push(`default session name: ${result.roleSessionName}`);
  lines.push('checks:');
  for (const check of result.checks) lines.push(`  ${check.status.padEnd(7)} ${check.stage}: ${check.detail}`);
  lines.push('trust policy:');
  for (const statement of result.trustPolicy.statements) {
    const name = statement.sid === undefined ? `statement ${statement.index}` : `statement ${statement.index} (${statement.sid})`;
    lines.push(`  ${name}: ${statement.effect} ${statement.actions.join(', ') || '(none of the three actions)'}${statement.isPrincipalMatched ? '' : ' (principal does not match rolesanywhere.amazonaws.com)'}`);
    for (const c of statement.conditions) {
      const seen = c.contextValue === undefined ? 'missing' : JSON.stringify(c.contextValue);
      lines.push(`    ${c.isMet ? 'pass' : 'FAIL'} ${c.operator} ${c.key} ${JSON.stringify(c.values)} (request: ${seen})`);
    }
  }
  for (const action of result.trustPolicy.actions) lines.push(`  ${action.action}: ${action.decision}${action.decidedBy === undefined ? '' : ` by statement ${action.decidedBy}`}`);
  if (result.refusal) {
    lines.push(`decision: deny: ${result.refusal.type}: ${result.refusal.message}`);
    lines.push(`  because ${result.refusal.stage}: ${result.refusal.reason}`);
  } else {
    lines.push('decision: allow');
  }
  return `${lines.join('\n')}\n`;
}
