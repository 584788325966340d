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
  [undefined, undefined],
  ['2026-12-01T12:00:00Z', undefined],
];

describe('signatureDateProblem', () => {
  for (const [amzDate, expected] of VECTORS) {
    it(`${String(amzDate)}: ${expected ?? 'inside the window (or no date to judge)'}`, () => {
      expect(signatureDateProblem(amzDate, NOW)).toBe(expected);
    });
  }
});
