import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { arch, cpus, platform, release, totalmem } from 'node:os';
import { resolve } from 'node:path';
import type { BenchSettings, CaseResult } from './case-result';
import { ROOT } from './services';

const START = '<!-- bench:start (written by npm run bench; edit outside these markers) -->';
const END = '<!-- bench:end -->';

function versionOf(path: string): string {
  try {
    return (
      (JSON.parse(readFileSync(resolve(ROOT, path), 'utf8')) as { version?: string }).version ?? '?'
    );
  } catch {
    return '?';
  }
}

/** The results as a markdown table. */
export function renderTable(results: readonly CaseResult[]): string {
  const rows = results.map(
    (r) =>
      `| ${r.name} | ${r.target} | ${r.gateway} | ${r.floor} | ${r.ratio} | ${r.met === undefined ? 'reported' : r.met ? 'met' : 'NOT met'} |`,
  );
  return [
    '| case | target | gateway (min / median / max) | floor (min / median / max) | vs floor / ideal | target |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

/** Writes the benchmark section of `docs/performance.md`, keeping everything outside the markers. */
export function writeReport(
  results: readonly CaseResult[],
  settings: BenchSettings,
  file = resolve(ROOT, 'docs/performance.md'),
): void {
  const cpu = cpus();
  const section = [
    START,
    '## Gateway against the floor',
    '',
    `Run: ${new Date().toISOString()} — ${settings.smoke ? '**smoke run** (short, for CI: checks the harness, not the targets)' : `full run, ${settings.repeats} repeats per case`}.`,
    `Machine: ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${platform()} ${release()} ${arch()}.`,
    `Versions: Node ${process.version}, gateway ${versionOf('apps/gateway/package.json')}, autocannon ${versionOf('node_modules/autocannon/package.json')}, express ${versionOf('node_modules/express/package.json')}.`,
    "Everything (load generator, emulator, gateway, floor) shares this machine, each in its own process. The floor is a bare Node passthrough to the emulator (no parsing, no translation), the least a proxy hop can cost. The throughput cases load the gateway and the floor alike for 2 s, untimed, before the repeats (JIT and connection pools warm up); each repeat runs the gateway, then the floor, and the ratio to the floor is the median of the repeats' own ratios (this machine's speed drifts between repeats). The 256-connection case has every connection make the same number of requests (200 ms × that number ≈ the case's duration) and times the run up to the last answer, so no run ends by cutting off a wave of requests in flight; each run's first second (5 requests per connection, which starts with all 256 connects at once) is untimed and reported apart under the table.",
    '',
    renderTable(results),
    ...results.flatMap((result) => (result.details ? ['', result.details] : [])),
    END,
  ].join('\n');
  const before = existsSync(file)
    ? readFileSync(file, 'utf8')
    : '# Performance\n\nHow to run: `npm run bench` (full, a few minutes) or `npm run bench -- --smoke` (seconds).\n';
  const start = before.indexOf(START);
  const end = before.indexOf(END);
  const next =
    start >= 0 && end > start
      ? `${before.slice(0, start)}${section}${before.slice(end + END.length)}`
      : `${before.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, next);
}
