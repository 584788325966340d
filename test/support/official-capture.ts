// The official helper's captured CreateSession requests (test/vectors/official-helper-capture),
// loaded once for every suite that replays or reproduces them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CaptureVector {
  name: string;
  certificate: string;
  private_key: string;
  ca: string;
  role_arn: string;
  profile_arn: string;
  trust_anchor_arn: string;
  query: string;
  body: string;
  x_amz_date: string;
  authorization: string;
}

export interface OfficialCapture {
  host: string;
  cases: CaptureVector[];
}

export const CAPTURE_DIR = join(import.meta.dirname, '../vectors/official-helper-capture');

export const officialCapture: OfficialCapture = JSON.parse(readFileSync(join(CAPTURE_DIR, 'capture.json'), 'utf8')) as OfficialCapture;

/** Reads a file named by a vector (certificate, key, CA) from the capture folder. */
export function captureFile(name: string): Buffer {
  return readFileSync(join(CAPTURE_DIR, name));
}
