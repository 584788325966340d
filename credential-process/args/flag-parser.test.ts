// The cobra-style flag parser: value forms, booleans, integers, help, and its usage errors.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../errors.js';
import { formatHelp, parseFlags, refuseUnsupported } from './flag-parser.js';
import type { FlagSpec } from './flag-spec.js';

const SPECS = [
  { name: 'certificate', kind: 'string', help: 'cert' },
  { name: 'session-duration', kind: 'integer', default: 3600, help: 'seconds' },
  { name: 'no-verify-ssl', kind: 'boolean', help: 'insecure' },
  { name: 'reuse-pin', kind: 'boolean', help: 'pin', unsupported: 'PKCS#11' },
] as const satisfies readonly FlagSpec[];

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof UsageError) return error.code;
    throw error;
  }
  return 'none';
}

describe('parseFlags', () => {
  it('reads --flag value, --flag=value, bare and explicit booleans, and defaults', () => {
    const parsed = parseFlags('x', SPECS, ['--certificate', 'a.pem', '--session-duration=900', '--no-verify-ssl']);
    expect(parsed.flags).toStrictEqual({ certificate: 'a.pem', 'session-duration': 900, 'no-verify-ssl': true, 'reuse-pin': false });
    expect([...parsed.given.keys()].sort()).toEqual(['certificate', 'no-verify-ssl', 'session-duration']);
    expect(parseFlags('x', SPECS, ['--no-verify-ssl=false']).flags['no-verify-ssl']).toBe(false);
    expect(parseFlags('x', SPECS, []).flags).toStrictEqual({ certificate: undefined, 'session-duration': 3600, 'no-verify-ssl': false, 'reuse-pin': false });
  });

  it('keeps a value that starts with dashes or holds an equals sign', () => {
    expect(parseFlags('x', SPECS, ['--certificate', '--odd']).flags.certificate).toBe('--odd');
    expect(parseFlags('x', SPECS, ['--certificate=a=b']).flags.certificate).toBe('a=b');
  });

  it('recognises -h and --help', () => {
    expect(parseFlags('x', SPECS, ['-h']).isHelp).toBe(true);
    expect(parseFlags('x', SPECS, ['--certificate', 'a', '--help']).isHelp).toBe(true);
  });

  it('refuses unknown flags, missing values, bad integers and booleans, positional arguments', () => {
    expect(code(() => parseFlags('x', SPECS, ['--certficate', 'a']))).toBe('UNKNOWN_FLAG');
    expect(code(() => parseFlags('x', SPECS, ['--certificate']))).toBe('MISSING_FLAG_VALUE');
    expect(code(() => parseFlags('x', SPECS, ['--session-duration', '1h']))).toBe('FLAG_VALUE_INVALID');
    expect(code(() => parseFlags('x', SPECS, ['--no-verify-ssl=maybe']))).toBe('FLAG_VALUE_INVALID');
    expect(code(() => parseFlags('x', SPECS, ['extra']))).toBe('UNEXPECTED_ARGUMENT');
    expect(code(() => parseFlags('x', SPECS, ['-certificate', 'a']))).toBe('UNEXPECTED_ARGUMENT');
  });

  it('refuses an unsupported compatibility flag only when it is used', () => {
    expect(code(() => refuseUnsupported('x', SPECS, parseFlags('x', SPECS, ['--reuse-pin'])))).toBe('UNSUPPORTED_FLAG');
    expect(code(() => refuseUnsupported('x', SPECS, parseFlags('x', SPECS, ['--reuse-pin=false'])))).toBe('none');
  });
});

describe('formatHelp', () => {
  it('lists every flag with its type, default and support note, aligned', () => {
    const help = formatHelp('credential-process', 'Summary', SPECS);
    expect(help).toBe(
      [
        'Summary',
        '',
        'Usage:',
        '  iamra credential-process [flags]',
        '',
        'Flags:',
        '  -h, --help                   help for credential-process',
        '      --certificate string     cert',
        '      --session-duration int   seconds (default 3600)',
        '      --no-verify-ssl          insecure',
        '      --reuse-pin              pin [not supported by iamra: PKCS#11]',
        '',
      ].join('\n'),
    );
  });
});
