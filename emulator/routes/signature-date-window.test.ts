// The 15-minute SigV4 date window, AWS's wording for each side, and its edges.
import { describe, expect, it } from 'vitest';
import { signatureDateProblem } from './signature-date-window.js';

const NOW = new Date('2026-12-01T12:00:00Z');

const VECTORS: Array<[string | undefined, string | undefined]> = [
  ['20261201T114459Z', 'Signature expired: 20261201T114459Z is now earlier than 20261201T114500Z (20261201T120000Z - 15 min.)'],
  ['20261201T114500Z', undefined],
  ['20261201T121500Z', undefined],
  ['20261201T121501Z', 'Signature not yet current: 20261201T121501Z is still later than 20261201T121500Z (20261201T120000Z + 15 min.)'],
  ['20250101T000000Z', 'Signature expired: 20250101T000000Z is now earlier than 20261201T114500Z (20261201T120000Z - 15 min.)'],
  [undefined, "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."],
  ['2026-12-01T12:00:00Z', `Invalid X-Amz-Date "2026-12-01T12:00:00Z": it must be in ISO 8601 basic format, YYYYMMDD'T'HHMMSS'Z'.`],
];

describe('signatureDateProblem', () => {
  for (const [amzDate, expected] of VECTORS) {
    it(`${String(amzDate)}: ${expected ?? 'inside the window'}`, () => {
      expect(signatureDateProblem(amzDate, NOW)).toBe(expected);
    });
  }
});
