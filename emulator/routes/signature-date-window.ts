// The validity window of a SigV4 (HMAC) signature: AWS refuses a request whose X-Amz-Date is more
// than 15 minutes before or after its clock, with the signature error of the protocol and these
// messages ("Signature expired: ... is now earlier than ... (NOW - 15 min.)", "Signature not yet
// current: ... is still later than ... (NOW + 15 min.)"). Pure: the clock is passed in.
import { formatAmzDate, parseAmzDate } from '../../credential-process/sigv4-x509/amz-date.js';

export const SIGNATURE_WINDOW_MINUTES = 15;

/** Why the date puts the signature outside the window (or is no date); undefined when it is inside. */
export function signatureDateProblem(amzDate: string | undefined, now: Date): string | undefined {
  // Without a date a signature could be replayed for ever: refused, as AWS refuses it.
  if (amzDate === undefined) return "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.";
  const signed = parseAmzDate(amzDate);
  if (signed === undefined) return `Invalid X-Amz-Date ${JSON.stringify(amzDate)}: it must be in ISO 8601 basic format, YYYYMMDD'T'HHMMSS'Z'.`;
  const windowMs = SIGNATURE_WINDOW_MINUTES * 60_000;
  const at = (ms: number): string => formatAmzDate(new Date(ms)).long;
  const nowText = at(now.getTime());
  if (signed.getTime() < now.getTime() - windowMs) {
    return `Signature expired: ${amzDate} is now earlier than ${at(now.getTime() - windowMs)} (${nowText} - ${SIGNATURE_WINDOW_MINUTES} min.)`;
  }
  if (signed.getTime() > now.getTime() + windowMs) {
    return `Signature not yet current: ${amzDate} is still later than ${at(now.getTime() + windowMs)} (${nowText} + ${SIGNATURE_WINDOW_MINUTES} min.)`;
  }
  return undefined;
}
