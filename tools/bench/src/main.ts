#!/usr/bin/env node
/**
 * `npm run bench`: measures the gateway against a bare passthrough floor (see README.md) and
 * writes docs/performance.md. `--smoke` runs every case briefly (CI), `--only <substring>` runs
 * the matching cases, `--out <file>` writes elsewhere.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { benchSettings, type CaseResult } from './case-result';
import { coldStartCase } from './cold-start-case';
import { concurrencyCase } from './concurrency-case';
import { idleCase } from './idle-case';
import { ROOT } from './services';
import { concurrentStreamsCase, firstByteCase } from './stream-cases';
import { latencyBoundCase, passthroughCase } from './throughput-cases';
import { translatorCase } from './translator-case';
import { renderTable, writeReport } from './write-report';

const CASES: [
  string,
  (settings: ReturnType<typeof benchSettings>) => Promise<CaseResult> | CaseResult,
][] = [
  ['passthrough', passthroughCase],
  ['latency', latencyBoundCase],
  ['streams', concurrentStreamsCase],
  ['first-byte', firstByteCase],
  ['translator', translatorCase],
  ['cold-start', coldStartCase],
  ['concurrency', concurrencyCase],
  ['idle', idleCase],
];

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      smoke: { type: 'boolean', default: false },
      only: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const settings = benchSettings(values.smoke);
  const results: CaseResult[] = [];
  for (const [name, run] of CASES) {
    if (values.only && !name.includes(values.only)) continue;
    process.stderr.write(`bench: ${name}…\n`);
    results.push(await run(settings));
  }
  writeReport(
    results,
    settings,
    values.out ? resolve(process.cwd(), values.out) : resolve(ROOT, 'docs/performance.md'),
  );
  process.stdout.write(`${renderTable(results)}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
