// Use-cases `ca template set|list|show|delete`: issuance templates validated, then stored with an audit entry.
import { InputError } from '../errors.js';
import { parseTemplate, type Template } from './policy/template.js';
import type { CertStore } from './store/cert-store.js';

export interface TemplateChange {
  store: CertStore;
  name: string;
  now: Date;
  actor: string;
}

function notFound(name: string): InputError {
  return new InputError('TEMPLATE_NOT_FOUND', `no template ${JSON.stringify(name)} in this CA. List them with "iamra ca template list".`);
}

export interface SavedTemplate {
  template: Template;
  /** The JSON as stored (and as `show` prints it). */
  body: Record<string, unknown>;
  /** True when a template of that name was replaced. */
  isReplaced: boolean;
}

/** Validates `body` (JSON) and stores it under `name`, replacing any template of that name. */
export async function setTemplate(input: TemplateChange & { body: string }): Promise<SavedTemplate> {
  const template = parseTemplate(input.name, input.body);
  const body = JSON.parse(input.body) as Record<string, unknown>;
  const saved = await input.store.putTemplate(input.name, JSON.stringify(body), { at: input.now, actor: input.actor, action: 'template.set', detail: { name: input.name } });
  return { template, body, isReplaced: saved === 'replaced' };
}

export async function deleteTemplate(input: TemplateChange): Promise<void> {
  if (!await input.store.deleteTemplate(input.name, { at: input.now, actor: input.actor, action: 'template.delete', detail: { name: input.name } })) throw notFound(input.name);
}

/** The stored JSON of every template, by name. */
export async function listTemplates(store: CertStore): Promise<Array<{ name: string; body: Record<string, unknown> }>> {
  return (await store.listTemplates()).map((t) => ({ name: t.name, body: JSON.parse(t.body) as Record<string, unknown> }));
}

export async function showTemplate(store: CertStore, name: string): Promise<Record<string, unknown>> {
  const body = await store.getTemplate(name);
  if (body === undefined) throw notFound(name);
  return JSON.parse(body) as Record<string, unknown>;
}
