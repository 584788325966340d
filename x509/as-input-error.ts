// Turns a reading failure (DerError, or anything else thrown while parsing) into the InputError a
// user sees: the reader's reason goes into the caller's message.
import { InputError } from '../errors.js';

export function asInputError(error: unknown, code: string, message: (why: string) => string): InputError {
  if (error instanceof InputError) return error;
  const why = error instanceof Error ? error.message : String(error);
  return new InputError(code, message(why), { cause: error });
}
