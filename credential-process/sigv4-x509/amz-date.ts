// X-Amz-Date and the scope date (roles-anywhere.md §1.3): YYYYMMDD'T'HHMMSS'Z' in UTC.

export interface AmzDate {
  /** `YYYYMMDDTHHMMSSZ` */
  long: string;
  /** `YYYYMMDD` */
  short: string;
}

export function formatAmzDate(date: Date): AmzDate {
  const long = date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  return { long, short: long.slice(0, 8) };
}

/** Parses `YYYYMMDDTHHMMSSZ`; returns undefined when the text is not in that exact form. */
export function parseAmzDate(text: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m;
  // Non-null: the regular expression above has six groups that all take part in a match.
  const date = new Date(Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s!));
  return Number.isNaN(date.getTime()) || formatAmzDate(date).long !== text ? undefined : date;
}
