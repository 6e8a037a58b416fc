#!/usr/bin/env node
/**
 * `npm run bench`: measures the gateway against a bare passthrough floor (see README.md) and
 * writes docs/performance.md; `--help` says the options.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { benchSettings, type CaseResult } from './case-result';
import { coldStartCase } from './cold-start-case';
import { concurrencyCase } from './concurrency-case';
import { consoleSizeCase } from './console-size-case';
import { idleCase } from './idle-case';
import { ROOT } from './services';
import { concurrentStreamsCase, firstByteCase } from './stream-cases';
import { latencyBoundCase, passthroughCase } from './throughput-cases';
import { messagesLatencyBoundCase, messagesPassthroughCase } from './messages-cases';
import { translatorCase } from './translator-case';
import { latencySharedCase, passthroughKeysCase } from './keys-cases';
import { renderTable, writeReport } from './write-report';
import { benchOptions, runCommand } from './command-line';

const CASES: [
  string,
  (settings: ReturnType<typeof benchSettings>) => Promise<CaseResult> | CaseResult,
][] = [
  ['passthrough', passthroughCase],
  ['latency', latencyBoundCase],
  ['messages-passthrough', messagesPassthroughCase],
  ['messages-latency', messagesLatencyBoundCase],
  ['streams', concurrentStreamsCase],
  ['first-byte', firstByteCase],
  ['translator', translatorCase],
  ['cold-start', coldStartCase],
  ['concurrency', concurrencyCase],
  ['idle', idleCase],
  ['console-size', consoleSizeCase],
  ['responses-passthrough', (settings) => passthroughCase(settings, 'responses')],
  ['responses-latency', (settings) => latencyBoundCase(settings, 'responses')],
  ['responses-streams', (settings) => concurrentStreamsCase(settings, 'responses')],
  ['responses-first-byte', (settings) => firstByteCase(settings, 'responses')],
  ['keys-passthrough', passthroughKeysCase],
  ['keys-shared-latency', latencySharedCase],
];

const USAGE = `Usage: npm run bench -- [--smoke] [--only <case>] [--out <file>]

Measures the gateway against a bare passthrough floor and prints the table.

  --smoke         every case briefly: checks the harness runs (CI); figures mean nothing
  --only <case>   the cases whose name contains <case>:
                  ${CASES.map(([name]) => name).join(', ')}
  --out <file>    write the report there instead of docs/performance.md

A full run (no --smoke, no --only) rewrites the table in docs/performance.md; a smoke or
partial run writes a report only with --out.
`;

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      smoke: { type: 'boolean', default: false },
      only: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const options = benchOptions(
    { ...values, out: values.out === undefined ? undefined : resolve(process.cwd(), values.out) },
    CASES.map(([name]) => name),
    resolve(ROOT, 'docs/performance.md'),
  );
  const settings = benchSettings(options.smoke);
  const results: CaseResult[] = [];
  for (const [name, run] of CASES) {
    if (!options.cases.includes(name)) continue;
    process.stderr.write(`bench: ${name}…\n`);
    results.push(await run(settings));
  }
  if (options.report) writeReport(results, settings, options.report);
  else
    process.stderr.write(
      'bench: a smoke or partial run; docs/performance.md left as it was (--out writes a report).\n',
    );
  process.stdout.write(`${renderTable(results)}\n`);
  return 0;
}

void runCommand('bench', USAGE, process.argv.slice(2), main).then((code) => process.exit(code));
