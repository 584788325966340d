// Which command-line arguments are secrets, and the command line without them: the value of
// --pkcs8-password (and aws_signing_helper's --tpm-key-password) and a PKCS#11 URI's pin-value.
// Pure: serve and update write the result over their own argv (overwrite-command-line.ts).

/** What a hidden secret is shown as in `ps`. */
export const REDACTED = '***';
const SECRET_FLAGS = ['--pkcs8-password', '--tpm-key-password'];
// RFC 7512: pin-value is a query attribute, ended by & (or ; as some tools write it).
const PIN_VALUE = /([?&;]pin-value=)[^&;]*/gi;

/** The arguments with every secret replaced by REDACTED; undefined when none holds a secret. */
export function redactArguments(args: readonly string[]): string[] | undefined {
  const redacted: string[] = [];
  for (let i = 0; i < args.length; i++) {
    // Non-null: i stays below args.length in this loop.
    const arg = args[i]!;
    redacted.push(redactOne(arg));
    // The flag parser takes the next argument as the value, whatever it looks like.
    if (SECRET_FLAGS.includes(arg) && i + 1 < args.length) {
      redacted.push(REDACTED);
      i++;
    }
  }
  return redacted.some((arg, i) => arg !== args[i]) ? redacted : undefined;
}

function redactOne(arg: string): string {
  for (const flag of SECRET_FLAGS) if (arg.startsWith(`${flag}=`)) return `${flag}=${REDACTED}`;
  return arg.replace(PIN_VALUE, `$1${REDACTED}`);
}
