// `iamra ca template set|list|show|delete`: issuance templates kept in the CA database.
import type { Command } from 'commander';
import { deleteTemplate, listTemplates, setTemplate, showTemplate } from '../../ca/manage-templates.js';
import { actor, addCaOption, readCliInput, withCa, writeStdout } from '../shared/common.js';
import { jsonText } from './certificate-json.js';
import { templateJson } from './template-json.js';

export function registerCaTemplate(ca: Command): void {
  const template = ca.command('template').description('manage issuance templates (used with "iamra issue --template NAME")');
  const set = template.command('set').description('create or replace a template from a JSON file (see docs/ca.md)').argument('<name>').argument('<file>')
    .option('--json', 'print the template object as stored, with isReplaced');
  addCaOption(set).action((name: string, file: string, options: { ca?: string; json?: boolean }) =>
    withCa(options, async (ca) => {
      const saved = await setTemplate({ store: ca.store, name, body: readCliInput(file, 'template').toString('utf8'), now: new Date(), actor: actor() });
      if (options.json) return writeStdout(jsonText({ ...templateJson(name, saved.body), isReplaced: saved.isReplaced }));
      await writeStdout(`template ${name} saved${saved.isReplaced ? ' (it replaced the one of that name)' : ''}\n`);
    }),
  );
  addCaOption(template.command('list').description('list templates').option('--json', 'print an array of template objects'))
    .action((options: { ca?: string; json?: boolean }) =>
      withCa(options, async (ca) => {
        const templates = await listTemplates(ca.store);
        if (options.json) return writeStdout(jsonText(templates.map((t) => templateJson(t.name, t.body))));
        await writeStdout(templates.map((t) => `${t.name}\t${typeof t.body.description === 'string' ? t.body.description : ''}\n`).join(''));
      }),
    );
  addCaOption(template.command('show').description('print a template as JSON').argument('<name>'))
    .action((name: string, options: { ca?: string }) =>
      withCa(options, async (ca) => writeStdout(`${JSON.stringify(await showTemplate(ca.store, name), null, 2)}\n`)),
    );
  addCaOption(template.command('delete').description('delete a template').argument('<name>'))
    .action((name: string, options: { ca?: string }) =>
      withCa(options, async (ca) => {
        await deleteTemplate({ store: ca.store, name, now: new Date(), actor: actor() });
        await writeStdout(`template ${name} deleted\n`);
      }),
    );
}
