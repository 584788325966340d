// Writes a profile session policy (an inline IAM policy that caps what the session may do) from
// simple guardrails: actions or whole services, resources, source IP ranges and resource tags.
import { isIP } from 'node:net';

export interface SessionGuardrails {
  /** IAM actions such as `s3:GetObject`; wildcards allowed. */
  actions?: readonly string[];
  /** Service prefixes such as `s3`: every action of the service. */
  services?: readonly string[];
  /** @default ['*'] */
  resources?: readonly string[];
  /** CIDR ranges the calls must come from (aws:SourceIp). */
  sourceIps?: readonly string[];
  /** Resource tags the resources must carry (aws:ResourceTag/KEY = VALUE). */
  resourceTags?: ReadonlyMap<string, string>;
}

export class GuardrailError extends Error {}

const ACTION = /^([a-z0-9-]+:[A-Za-z0-9*?]+|\*)$/;
const SERVICE = /^[a-z0-9-]+$/;

export function buildSessionPolicy(guardrails: SessionGuardrails): Record<string, unknown> {
  const actions = [...(guardrails.services ?? []).map(serviceAction), ...(guardrails.actions ?? []).map(checkAction)];
  if (actions.length === 0) throw new GuardrailError('a session policy needs at least one action or service');
  const condition: Record<string, Record<string, string | string[]>> = {};
  const ips = (guardrails.sourceIps ?? []).map(checkCidr);
  // Non-null: ips.length === 1 is checked in the same expression.
  if (ips.length > 0) condition.IpAddress = { 'aws:SourceIp': ips.length === 1 ? ips[0]! : ips };
  for (const [key, value] of guardrails.resourceTags ?? []) (condition.StringEquals ??= {})[`aws:ResourceTag/${key}`] = value;
  const resources = guardrails.resources?.length ? [...guardrails.resources] : ['*'];
  const statement: Record<string, unknown> = {
    Effect: 'Allow',
    Action: actions.length === 1 ? actions[0] : actions,
    Resource: resources.length === 1 ? resources[0] : resources,
  };
  if (Object.keys(condition).length > 0) statement.Condition = condition;
  return { Version: '2012-10-17', Statement: [statement] };
}

function serviceAction(service: string): string {
  if (!SERVICE.test(service)) throw new GuardrailError(`${JSON.stringify(service)} is not a service prefix (e.g. s3, dynamodb)`);
  return `${service}:*`;
}

function checkAction(action: string): string {
  if (!ACTION.test(action)) throw new GuardrailError(`${JSON.stringify(action)} is not an IAM action (service:Action, e.g. s3:GetObject)`);
  return action;
}

function checkCidr(range: string): string {
  const [address, bits, extra] = range.split('/');
  const family = isIP(address ?? '');
  const max = family === 6 ? 128 : 32;
  const isValid = family !== 0 && extra === undefined && (bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= max));
  if (!isValid) throw new GuardrailError(`${JSON.stringify(range)} is not an IP address or CIDR range (e.g. 203.0.113.0/24)`);
  return bits === undefined ? `${address}/${max}` : range;
}
