// Stopping long-running commands (serve, update) promptly on SIGINT/SIGTERM: races against the
// stop signal so no call or wait holds the process open.

/** The call's result, or undefined when the process is asked to stop first. */
export function unlessStopped<T>(work: Promise<T>, stopSignal: Promise<void>): Promise<T | undefined> {
  // The abandoned call may still fail after the stop; that is not an error anyone waits for.
  work.catch(() => undefined);
  return Promise.race([work, stopSignal.then(() => undefined)]);
}

/** Waits `ms` unless the process is asked to stop first; the timer never outlives the wait. */
export function isStoppedWithin(ms: number, stopSignal: Promise<void>): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    void stopSignal.then(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}
