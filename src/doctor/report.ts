/**
 * `npm run doctor`'s results: one line per check, in English like the bot's log lines (the
 * README explains each check by the same name). Any `error` makes the exit code non-zero.
 */

export type CheckStatus = 'ok' | 'warn' | 'error' | 'skip';

export interface CheckResult {
  /** Stable name, the one the README's "Deploy to Teams" section uses. */
  name: string;
  status: CheckStatus;
  /** One line: what was found, or every problem joined with "; ". */
  detail: string;
}

/** A check's result from its problems and warnings: errors first, then warnings, else `ok`. */
export function verdict(
  name: string,
  errors: string[],
  warnings: string[],
  okDetail: string,
): CheckResult {
  if (errors.length) return { name, status: 'error', detail: [...errors, ...warnings].join('; ') };
  if (warnings.length) return { name, status: 'warn', detail: warnings.join('; ') };
  return { name, status: 'ok', detail: okDetail };
}

const LABELS: Record<CheckStatus, string> = {
  ok: 'OK',
  warn: 'WARN',
  error: 'ERROR',
  skip: 'SKIP',
};

/** The printed lines: one per check, then a summary. */
export function formatReport(results: CheckResult[]): string[] {
  const width = Math.max(...results.map((r) => r.name.length));
  const lines = results.map(
    (r) => `${LABELS[r.status].padEnd(5)} ${r.name.padEnd(width)}  ${r.detail}`,
  );
  const errors = results.filter((r) => r.status === 'error').length;
  const warnings = results.filter((r) => r.status === 'warn').length;
  lines.push(
    `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${results.length} checks` +
      (errors ? ': fix the errors above before deploying' : ''),
  );
  return lines;
}

/** Non-zero on any error. */
export function exitCode(results: CheckResult[]): number {
  return results.some((r) => r.status === 'error') ? 1 : 0;
}

export const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
