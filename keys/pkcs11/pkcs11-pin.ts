// Where a token PIN comes from (RFC 7512 §2.4): pin-value in the URI, a pin-source file, or a
// no-echo prompt on the terminal. The PIN is never put in a message.
import { readFileSync } from 'node:fs';
import { describeFileError, InputError } from '../../errors.js';
import type { Pkcs11Uri } from './pkcs11-uri.js';

export type PromptSecret = (question: string) => Promise<string | undefined>;

export interface PinRequest {
  uri: Pkcs11Uri;
  /** The URI as shown in messages (redacted). */
  shown: string;
  tokenLabel: string;
  prompt?: PromptSecret;
}

/** A file's PIN: the first line, without its line ending. */
export function readPinFile(path: string, shown: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError('PKCS11_PIN_SOURCE_UNREADABLE', `cannot read the token PIN: pin-source ${path}: ${describeFileError(error)} (${shown}). Check the pin-source path.`, { cause: error });
  }
  // Non-null: String.split always returns at least one element.
  return text.split(/\r?\n/)[0]!;
}

export async function resolvePin(request: PinRequest): Promise<string> {
  const { uri, shown } = request;
  if (uri.pinValue !== undefined) return uri.pinValue;
  if (uri.pinSource !== undefined) return readPinFile(uri.pinSource, shown);
  const typed = request.prompt ? await request.prompt(`Enter the PIN of token ${request.tokenLabel}: `) : undefined;
  if (typed === undefined) {
    throw new InputError('PKCS11_PIN_REQUIRED', `cannot log in to token ${request.tokenLabel}: no PIN given and no terminal to ask on (${shown}). Add ?pin-source=FILE (or pin-value=) to the URI, or run on a terminal.`);
  }
  return typed;
}
