// One flag declaration per command: the parser's table and help text are read from it, and the
// TypeScript type of the parsed flags is derived from it, so a misspelled name does not compile.

export type FlagKind = 'string' | 'boolean' | 'integer';

interface FlagSpecBase {
  name: string;
  help: string;
  /** Accepted for compatibility with aws_signing_helper but refused when used. */
  unsupported?: string;
}

/** `default` is shown in help and is the parsed value when the flag is absent (booleans: false). */
export type FlagSpec =
  | (FlagSpecBase & { kind: 'string'; default?: string })
  | (FlagSpecBase & { kind: 'integer'; default?: number })
  | (FlagSpecBase & { kind: 'boolean'; default?: boolean });

export type FlagValue = string | number | boolean;

type KindValue<K extends FlagKind> = K extends 'string' ? string : K extends 'integer' ? number : boolean;

/** A boolean or a defaulted flag always has a value; any other flag may be absent. */
type ParsedValue<S extends FlagSpec> = S extends { kind: 'boolean' } ? boolean : S extends { default: FlagValue } ? KindValue<S['kind']> : KindValue<S['kind']> | undefined;

/** The parsed flags of a `const` table, keyed by flag name: `{ port: number; 'role-arn': string | undefined; ... }`. */
export type FlagsOf<S extends readonly FlagSpec[]> = { readonly [F in S[number] as F['name']]: ParsedValue<F> };

/** Names of the table's flags of one kind, e.g. every string flag. */
export type FlagNamesOf<S extends readonly FlagSpec[], K extends FlagKind> = Extract<S[number], { kind: K }>['name'];

/** Fills every flag of the table: the given value, else its default, else false for booleans. */
export function buildFlags<const S extends readonly FlagSpec[]>(specs: S, given: (spec: S[number]) => FlagValue | undefined): FlagsOf<S> {
  const flags: Record<string, FlagValue | undefined> = {};
  for (const spec of specs) flags[spec.name] = given(spec) ?? spec.default ?? (spec.kind === 'boolean' ? false : undefined);
  // Holds: one key per spec, each value converted by that spec's kind (parser) or checked against it (roles config).
  return flags as FlagsOf<S>;
}
