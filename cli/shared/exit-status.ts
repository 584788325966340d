// A command's non-zero exit status after it has printed its result (a deny, lint findings, a
// failed diagnosis): thrown to cli/main.ts, the one place that turns outcomes into exit codes.
export class ExitStatus {
  constructor(readonly code: number) {}
}
