// Command-line flags as cobra/pflag reads them (the official helper's parser): `--flag value`,
// `--flag=value`, bare booleans and `--flag=true|false`; help text generated from the same table.
import { UsageError } from '../../errors.js';
import { buildFlags, type FlagSpec, type FlagsOf, type FlagValue } from './flag-spec.js';

export interface ParsedArgs<S extends readonly FlagSpec[]> {
  flags: FlagsOf<S>;
  /** The flags given explicitly on the command line, by name, as converted. */
  given: ReadonlyMap<string, FlagValue>;
  isHelp: boolean;
}

const TRUE = new Set(['true', '1', 't', 'T', 'TRUE', 'True']);
const FALSE = new Set(['false', '0', 'f', 'F', 'FALSE', 'False']);

export function parseFlags<const S extends readonly FlagSpec[]>(command: string, specs: S, argv: readonly string[]): ParsedArgs<S> {
  const byName = new Map<string, FlagSpec>(specs.map((s) => [s.name, s]));
  const values = new Map<string, FlagValue>();
  let isHelp = false;
  for (let i = 0; i < argv.length; i++) {
    // Non-null: i stays below argv.length in this loop.
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') {
      isHelp = true;
      continue;
    }
    if (!arg.startsWith('--') || arg === '--') {
      throw new UsageError('UNEXPECTED_ARGUMENT', `invalid arguments for ${command}: unexpected argument ${JSON.stringify(arg)}. Options are --flag value; see iamra ${command} --help.`);
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const spec = byName.get(name);
    if (!spec) throw new UsageError('UNKNOWN_FLAG', `invalid arguments for ${command}: unknown flag --${name}. See iamra ${command} --help.`);
    let text: string | undefined = eq < 0 ? undefined : arg.slice(eq + 1);
    if (text === undefined && spec.kind !== 'boolean') {
      text = argv[++i];
      if (text === undefined) throw new UsageError('MISSING_FLAG_VALUE', `invalid arguments for ${command}: flag --${name} needs a value. See iamra ${command} --help.`);
    }
    values.set(name, convert(command, spec, text));
  }
  return { flags: buildFlags(specs, (spec) => values.get(spec.name)), given: values, isHelp };
}

function convert(command: string, spec: FlagSpec, text: string | undefined): FlagValue {
  // Non-null: parseFlags took the next argument, or refused a missing one, for every non-boolean.
  if (spec.kind === 'string') return text!;
  if (spec.kind === 'boolean') {
    if (text === undefined || TRUE.has(text)) return true;
    if (FALSE.has(text)) return false;
    throw new UsageError('FLAG_VALUE_INVALID', `invalid arguments for ${command}: --${spec.name} takes true or false, not ${JSON.stringify(text)}. See iamra ${command} --help.`);
  }
  // Non-null: text is undefined only for a boolean flag, and boolean flags returned above.
  if (!/^-?\d+$/.test(text!)) {
    throw new UsageError('FLAG_VALUE_INVALID', `invalid arguments for ${command}: --${spec.name} takes an integer, not ${JSON.stringify(text)}. See iamra ${command} --help.`);
  }
  return Number(text);
}

/** Help text in the shape of cobra's usage template. */
export function formatHelp(command: string, summary: string, specs: readonly FlagSpec[]): string {
  const rows = specs.map((spec) => {
    const left = `      --${spec.name}${spec.kind === 'boolean' ? '' : ` ${spec.kind === 'integer' ? 'int' : 'string'}`}`;
    const shown = spec.default !== undefined && spec.default !== '' && spec.default !== false ? ` (default ${JSON.stringify(spec.default)})` : '';
    const note = spec.unsupported ? ` [not supported by iamra: ${spec.unsupported}]` : '';
    return [left, `${spec.help}${shown}${note}`] as const;
  });
  const width = Math.max(...rows.map(([left]) => left.length)) + 3;
  const lines = rows.map(([left, right]) => left.padEnd(width) + right);
  return `${summary}\n\nUsage:\n  iamra ${command} [flags]\n\nFlags:\n  -h, --help${' '.repeat(Math.max(1, width - 12))}help for ${command}\n${lines.join('\n')}\n`;
}

/** Refuses compatibility flags iamra does not implement, naming what to use instead. */
export function refuseUnsupported(command: string, specs: readonly FlagSpec[], parsed: { given: ReadonlyMap<string, FlagValue> }): void {
  for (const spec of specs) {
    const value = parsed.given.get(spec.name);
    if (spec.unsupported && value !== undefined && value !== false) {
      throw new UsageError('UNSUPPORTED_FLAG', `invalid arguments for ${command}: --${spec.name} is not supported by iamra (${spec.unsupported}). Use --certificate and --private-key files.`);
    }
  }
}
