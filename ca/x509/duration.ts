// Durations on the command line: `90m`, `12h`, `30d`, `8w`, `10y` (a year is 365 days).
import { UsageError } from '../../errors.js';

const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800, y: 31_536_000 };

/** Seconds in `text`; a UsageError naming `option` when it is not a positive duration. */
export function parseDurationSeconds(text: string, option: string): number {
  const match = /^(\d+)([smhdwy])$/.exec(text.trim());
  // Non-null: group 2 takes part in every match and is one of the UNIT_SECONDS keys [smhdwy].
  const seconds = match ? Number(match[1]) * UNIT_SECONDS[match[2]!]! : 0;
  if (!match || seconds <= 0 || !Number.isSafeInteger(seconds)) {
    throw new UsageError('DURATION_INVALID', `invalid ${option}: ${JSON.stringify(text)} is not a duration. Use a number and a unit, e.g. 30d, 12h, 10y.`);
  }
  return seconds;
}
