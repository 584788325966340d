// The typed flags derived from a command's table: values filled at run time, types checked by tsc
// (npm test runs tsc --noEmit, so a wrong type below fails the build, not only this file).
import { describe, expect, expectTypeOf, it } from 'vitest';
import { buildFlags, type FlagSpec, type FlagsOf } from './flag-spec.js';
import type { CredentialFlags, ReadCertificateDataFlags, ServeFlags, SignStringFlags, UpdateFlags } from './flags.js';

const SPECS = [
  { name: 'address', kind: 'string', default: '127.0.0.1', help: 'a' },
  { name: 'role-arn', kind: 'string', help: 'r' },
  { name: 'port', kind: 'integer', default: 9911, help: 'p' },
  { name: 'once', kind: 'boolean', help: 'o' },
] as const satisfies readonly FlagSpec[];

describe('buildFlags', () => {
  it('takes the given value, else the default, else false for a boolean and undefined otherwise', () => {
    expect(buildFlags(SPECS, () => undefined)).toStrictEqual({ address: '127.0.0.1', 'role-arn': undefined, port: 9911, once: false });
    const given = new Map<string, string | number | boolean>([['port', 0], ['once', true], ['role-arn', 'arn:x']]);
    expect(buildFlags(SPECS, (spec) => given.get(spec.name))).toStrictEqual({ address: '127.0.0.1', 'role-arn': 'arn:x', port: 0, once: true });
  });

  it('keeps a given false over a true default', () => {
    const specs = [{ name: 'verify', kind: 'boolean', default: true, help: 'v' }] as const satisfies readonly FlagSpec[];
    expect(buildFlags(specs, () => false).verify).toBe(false);
  });
});

describe('FlagsOf', () => {
  it('types a defaulted or boolean flag as always present and any other flag as optional', () => {
    expectTypeOf<FlagsOf<typeof SPECS>>().toEqualTypeOf<{ readonly address: string; readonly 'role-arn': string | undefined; readonly port: number; readonly once: boolean }>();
  });

  it('derives each command table into its own type', () => {
    expectTypeOf<ServeFlags['port']>().toEqualTypeOf<number>();
    expectTypeOf<ServeFlags['session-duration']>().toEqualTypeOf<number>();
    expectTypeOf<ServeFlags['roles-config']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<UpdateFlags['profile']>().toEqualTypeOf<string>();
    expectTypeOf<UpdateFlags['once']>().toEqualTypeOf<boolean>();
    expectTypeOf<SignStringFlags['format']>().toEqualTypeOf<string>();
    expectTypeOf<CredentialFlags['pkcs11-lib']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<CredentialFlags['reuse-pin']>().toEqualTypeOf<boolean>();
    expectTypeOf<ReadCertificateDataFlags['certificate']>().toEqualTypeOf<string | undefined>();
  });

  it('rejects a misspelled flag name and a flag of another command at compile time', () => {
    const flags = buildFlags(SPECS, () => undefined);
    // @ts-expect-error: no such flag (a misspelling of port).
    expect(flags.prot).toBeUndefined();
    expectTypeOf<ServeFlags>().not.toHaveProperty('profile');
    expectTypeOf<UpdateFlags>().not.toHaveProperty('port');
    expectTypeOf<SignStringFlags>().not.toHaveProperty('role-arn');
  });

  it('refuses a default of the wrong kind in a table', () => {
    // @ts-expect-error: an integer flag's default must be a number.
    const wrong = [{ name: 'port', kind: 'integer', default: '9911', help: 'p' }] as const satisfies readonly FlagSpec[];
    expect(wrong).toHaveLength(1);
  });
});
