// Help and usage errors: `iamra` alone, `iamra help <command>` (the helper's too), examples and
// environment variables in every --help, and one `iamra:` line with a suggestion for a typo.
import { describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { COMMAND_HELP, fullCommandName } from '../../cli/command-help.js';
import { buildProgram, HELPER_COMMANDS } from '../../cli/main.js';
import { expectUserError } from '../support/ca-fixture.js';
import { runCli } from '../support/run-cli.js';

const helperNames = new Set(HELPER_COMMANDS.map(([name]) => name));

function cliCommands(command: Command): string[] {
  return command.commands.filter((sub) => !helperNames.has(sub.name()) || command.parent).flatMap((sub) => [fullCommandName(sub), ...cliCommands(sub)]);
}

describe('help', () => {
  it('iamra with no arguments prints the help to stdout and exits 0', () => {
    const result = runCli([]);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^Usage: iamra \[options\] \[command\]/);
    for (const [name] of HELPER_COMMANDS) expect(result.stdout).toContain(`  ${name} `);
  });

  it('every CLI command has examples and the environment it reads in its --help', () => {
    const names = cliCommands(buildProgram());
    expect(names).toContain('ca template set');
    for (const name of names) {
      expect(COMMAND_HELP[name], `no help examples for "${name}"`).toBeDefined();
      const result = runCli([...name.split(' '), '--help']);
      expect(result.status).toBe(0);
      expect(result.stdout).toContain('\nExamples:\n  $ iamra ');
      if (COMMAND_HELP[name]!.environment.length > 0) expect(result.stdout).toContain('\nEnvironment:\n');
    }
  }, 120_000);

  it('iamra help <command> works for CLI and helper commands', () => {
    const issue = runCli(['help', 'issue']);
    expect(issue.status).toBe(0);
    expect(issue.stdout).toMatch(/^Usage: iamra issue/);
    const helper = runCli(['help', 'credential-process']);
    expect(helper.status).toBe(0);
    expect(helper.stdout).toContain('--trust-anchor-arn');
  });
});

describe('usage errors', () => {
  it.each([
    { args: ['issue', '--csrr', 'x.csr'], line: 'iamra: unknown option \'--csrr\' (did you mean --csr?). Run "iamra issue --help" for usage.' },
    { args: ['isue'], line: 'iamra: unknown command \'isue\' (did you mean issue?). Run "iamra --help" for usage.' },
    { args: ['credental-process'], line: 'iamra: unknown command \'credental-process\' (did you mean credential-process?). Run "iamra --help" for usage.' },
    { args: ['ca', 'template', 'set'], line: 'iamra: missing required argument \'name\'. Run "iamra ca template set --help" for usage.' },
  ])('$args.0 $args.1: one line with the fix', ({ args, line }) => {
    const result = runCli(args);
    expect(expectUserError(result, 2)).toBe(line);
    expect(result.stdout).toBe('');
  });
});
