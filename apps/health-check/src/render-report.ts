import { createColors } from 'picocolors';
import type { HealthReport } from './report-schema';
import { checkTitle } from './run-checks';

const LABELS = { pass: '✔ PASS', warn: '! WARN', fail: '✖ FAIL', skipped: '- SKIP' } as const;

/** The human report: one line per check, the fix hint under problems, a summary line. */
export function renderReport(report: HealthReport, color: boolean): string {
  const c = createColors(color);
  const paint = { pass: c.green, warn: c.yellow, fail: c.red, skipped: c.dim } as const;
  const width = Math.max(...report.checks.map((check) => checkTitle(check.name).length), 8);
  const lines = [c.bold(`geminicli2api health check: ${report.url}`), ''];
  for (const check of report.checks) {
    const label = paint[check.status](LABELS[check.status]);
    lines.push(`  ${label}  ${checkTitle(check.name).padEnd(width)}  ${check.finding}`);
    if (check.fix)
      lines.push(`  ${' '.repeat(6)}  ${' '.repeat(width)}  ${c.cyan(`fix: ${check.fix}`)}`);
  }
  const { pass, warn, fail, skipped } = report.summary;
  const parts = [
    c.green(`${pass} passed`),
    (warn ? c.yellow : c.dim)(`${warn} warning${warn === 1 ? '' : 's'}`),
    (fail ? c.red : c.dim)(`${fail} failed`),
    c.dim(`${skipped} skipped`),
  ];
  const verdict = report.ok
    ? c.green(c.bold('HEALTHY'))
    : c.red(c.bold(report.summary.fail ? 'UNHEALTHY' : 'WARNINGS (--strict)'));
  lines.push('', `${verdict}  ${parts.join(', ')} in ${(report.durationMs / 1000).toFixed(1)} s`);
  return `${lines.join('\n')}\n`;
}
