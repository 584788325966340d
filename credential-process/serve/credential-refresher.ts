// Keeps one set of session credentials fresh for `serve` (issue 4, official helper PR #200):
// fails fast on a cold-start error, refreshes in the background before expiry with one refresh
// at a time, keeps the last good credentials when a refresh fails, and never hands out expired ones.
import { expirationMs, type SessionCredentials } from '../credentials.js';
import { backoffDelayMs } from '../../io/retry-backoff.js';

/** Refresh this long before expiry. */
export const REFRESH_BEFORE_EXPIRY_MS = 5 * 60_000;
const RETRY_MIN_MS = 5_000;
const RETRY_MAX_MS = 60_000;

export interface RefresherOptions {
  fetch: () => Promise<SessionCredentials>;
  now: () => number;
  random: () => number;
  setTimer: (callback: () => void, ms: number) => { cancel: () => void };
  /** One line per failed refresh. */
  log: (line: string) => void;
}

export interface ServedCredentials {
  credentials: SessionCredentials;
  /** When they were obtained, ms since the epoch. */
  obtainedAt: number;
}

export class CredentialRefresher {
  private served: ServedCredentials | undefined;
  private inFlight: Promise<void> | undefined;
  private timer: { cancel: () => void } | undefined;
  private failures = 0;
  private stopped = false;

  constructor(private readonly options: RefresherOptions) {}

  /** The first fetch; its error is thrown so `serve` exits instead of serving nothing. */
  async start(): Promise<void> {
    const credentials = await this.options.fetch();
    this.accept(credentials);
  }

  /** Unexpired credentials, or undefined; starts a refresh when they are due. */
  current(): ServedCredentials | undefined {
    const now = this.options.now();
    if (this.served && expirationMs(this.served.credentials) - REFRESH_BEFORE_EXPIRY_MS <= now) void this.refresh();
    return this.served && expirationMs(this.served.credentials) > now ? this.served : undefined;
  }

  /** Refreshes unless a refresh is already running, in which case it waits for that one. */
  refresh(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.inFlight ??= this.options
      .fetch()
      .then((credentials) => this.accept(credentials))
      .catch((error: unknown) => this.fail(error))
      .finally(() => {
        this.inFlight = undefined;
      });
    return this.inFlight;
  }

  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
  }

  private accept(credentials: SessionCredentials): void {
    this.served = { credentials, obtainedAt: this.options.now() };
    this.failures = 0;
    const due = expirationMs(credentials) - REFRESH_BEFORE_EXPIRY_MS - this.options.now();
    this.schedule(Math.max(due, RETRY_MIN_MS));
  }

  private fail(error: unknown): void {
    this.failures++;
    const delay = backoffDelayMs({ attempt: this.failures, baseMs: RETRY_MIN_MS, capMs: RETRY_MAX_MS, jitter: 'equal', random: this.options.random() });
    const message = error instanceof Error ? error.message : String(error);
    const still = this.served && expirationMs(this.served.credentials) > this.options.now() ? 'serving the previous credentials until they expire' : 'no valid credentials to serve';
    this.options.log(`iamra: refresh failed: ${message}; ${still}; retrying in ${Math.round(delay / 1000)} s`);
    this.schedule(delay);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer?.cancel();
    this.timer = this.options.setTimer(() => void this.refresh(), ms);
  }
}
