// What a publish to one or several targets prints (issue 9): each result with its target (one
// stdout line per success, one stderr line per failure), the `--json` array, and the error that
// gives the exit code when some target failed.
import { IamraError } from '../../errors.js';
import { failedExitCode, type TargetOutcome } from '../../ca/publish/publish-to-targets.js';
import { publishJson, publishLine, renderPublish } from './render-publish.js';

export interface OutcomeReport {
  stdout: string;
  /** `iamra: ` lines, one per failed target, when there are several targets. */
  stderr: string;
  /** Undefined when every target succeeded; a single target's own error when it alone failed. */
  failure?: IamraError;
}

function outcomeJson(outcome: TargetOutcome): Record<string, unknown> {
  if ('result' in outcome) return publishJson(outcome.result);
  const { target, error } = outcome;
  return {
    outcome: 'failed', trustAnchorArn: target.trustAnchorArn, region: target.region, endpoint: target.endpoint ?? null, crlName: target.crlName,
    error: { code: error.code, exitCode: error.exitCode, message: error.message },
  };
}

export function reportOutcomes(outcomes: readonly TargetOutcome[], isJson: boolean): OutcomeReport {
  const json = isJson ? `${JSON.stringify(outcomes.map(outcomeJson), null, 2)}\n` : undefined;
  const failed = outcomes.flatMap((o) => ('error' in o ? [o] : []));
  const [only] = outcomes;
  if (only && outcomes.length === 1) {
    return 'result' in only ? { stdout: json ?? renderPublish(only.result), stderr: '' } : { stdout: json ?? '', stderr: '', failure: only.error };
  }
  const stdout = json ?? outcomes.map((o) => ('result' in o ? publishLine(o.result) : '')).join('');
  const stderr = failed.map((o) => `iamra: ${o.target.trustAnchorArn}: ${o.error.message}\n`).join('');
  if (failed.length === 0) return { stdout, stderr };
  const arns = failed.map((o) => o.target.trustAnchorArn).join(', ');
  // Non-null: `failed` is not empty here.
  const failure = new IamraError('PUBLISH_INCOMPLETE', `cannot publish to every trust anchor: ${failed.length} of ${outcomes.length} failed (${arns}). Fix what the lines above say, then run "iamra crl publish" again.`, failedExitCode(failed.map((o) => o.error))!);
  return { stdout, stderr, failure };
}
