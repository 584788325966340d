// The emulator's recent decisions (issue #3: every decision explainable): a bounded ring of log
// lines served at GET /_iamra/decisions, forwarded to the verbose log when there is one.

export interface Decision {
  /** ISO-8601 time of the decision, from the emulator's clock. */
  at: string;
  line: string;
}

export const MAX_DECISIONS = 200;

export class DecisionLog {
  private readonly entries: Decision[] = [];

  constructor(
    private readonly now: () => Date,
    private readonly forward: (line: string) => void,
  ) {}

  readonly log = (line: string): void => {
    if (this.entries.length >= MAX_DECISIONS) this.entries.shift();
    this.entries.push({ at: this.now().toISOString(), line });
    this.forward(line);
  };

  /** Oldest first. */
  recent(): Decision[] {
    return this.entries.map((e) => ({ ...e }));
  }
}
