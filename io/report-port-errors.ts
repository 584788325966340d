// The adapter boundary of a store port: every method's error, thrown, rejected or met while
// iterating the rows it returns, goes through one translation (the CA database and the
// emulator's state file map SQLite's damage and full-disk codes to their own user errors).

async function* guardRows<T>(rows: AsyncIterable<T>, translate: (error: unknown) => unknown): AsyncIterable<T> {
  try {
    yield* rows;
  } catch (error) {
    throw translate(error);
  }
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

function guardResult(result: unknown, translate: (error: unknown) => unknown): unknown {
  if (result instanceof Promise) return result.catch((error: unknown) => { throw translate(error); });
  if (isAsyncIterable(result)) return guardRows(result, translate);
  return result;
}

/** `port` with every error its methods raise replaced by `translate(error)`. */
export function reportPortErrors<T extends object>(port: T, translate: (error: unknown) => unknown): T {
  return new Proxy(port, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]): unknown => {
        let result: unknown;
        try {
          result = Reflect.apply(value, target, args);
        } catch (error) {
          throw translate(error);
        }
        return guardResult(result, translate);
      };
    },
  });
}
