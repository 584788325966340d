// `iamra ca template set|list|show|delete`: issuance templates kept in the CA database.
import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import { parseTemplate } from '../../ca/policy/template.js';
import { actor, addCaOption, readInputFile, withCa, writeStdout } from './common.js';

export function registerCaTemplate(ca: Command): void {
  const template = ca.command('template').description('manage issuance templates (used with "iamra issue --template NAME")');
  addCaOption(template.command('set').description('create or replace a template from a JSON file (see docs/ca.md)').argument('<name>').argument('<file>'))
    .action((name: string, file: string, options: { ca?: string }) =>
      withCa(options.ca, (ca) => {
        const body = readInputFile(file, 'template').toString('utf8');
        const parsed = parseTemplate(name, body);
        ca.store.putTemplate(name, JSON.stringify(JSON.parse(body)), { at: new Date(), actor: actor(), action: 'template.set', detail: { name } });
        writeStdout(`template ${parsed.name} saved\n`);
      }),
    );
  addCaOption(template.command('list').description('list templates').option('--json', 'print JSON'))
    .action((options: { ca?: string; json?: boolean }) =>
      withCa(options.ca, (ca) => {
        const templates = ca.store.listTemplates();
        if (options.json) return writeStdout(`${JSON.stringify(templates.map((t) => ({ name: t.name, ...(JSON.parse(t.body) as object) })), null, 2)}\n`);
        writeStdout(templates.map((t) => `${t.name}\t${(JSON.parse(t.body) as { description?: string }).description ?? ''}\n`).join(''));
      }),
    );
  addCaOption(template.command('show').description('print a template as JSON').argument('<name>'))
    .action((name: string, options: { ca?: string }) =>
      withCa(options.ca, (ca) => {
        const body = ca.store.getTemplate(name);
        if (body === undefined) throw new InputError('TEMPLATE_NOT_FOUND', `no template ${JSON.stringify(name)} in this CA. List them with "iamra ca template list".`);
        writeStdout(`${JSON.stringify(JSON.parse(body), null, 2)}\n`);
      }),
    );
  addCaOption(template.command('delete').description('delete a template').argument('<name>'))
    .action((name: string, options: { ca?: string }) =>
      withCa(options.ca, (ca) => {
        if (!ca.store.deleteTemplate(name, { at: new Date(), actor: actor(), action: 'template.delete', detail: { name } })) {
          throw new InputError('TEMPLATE_NOT_FOUND', `no template ${JSON.stringify(name)} in this CA. List them with "iamra ca template list".`);
        }
        writeStdout(`template ${name} deleted\n`);
      }),
    );
}
