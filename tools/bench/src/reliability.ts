#!/usr/bin/env node
/**
 * `npm run reliability`: attacks a gateway the way docs/reliability.md reports — fuzzed requests,
 * clients that stop reading, kill -9 during credential saves — on loopback, against the built
 * emulator and gateway, and prints the figures. `--help` says the options.
 */
import { parseArgs } from 'node:util';
import { runCommand, UsageError, wholeNumberOption } from './command-line';
import { runFuzz } from './fuzz-probe';
import { runKills } from './kill-probe';
import { runSlowSockets } from './slow-socket-probe';
import { BENCH_PASSWORD, startEmulator, startGateway } from './stack';

const PROBES = ['fuzz', 'slow-sockets', 'kills'] as const;

const USAGE = `Usage: npm run reliability -- [options]

Runs bounded, loopback-only attacks on a gateway and prints what it did (docs/reliability.md).

  --only <probe>      one of: ${PROBES.join(', ')} (default: all)
  --fuzz <n>          fuzzed requests (default 10000)
  --clients <n>       streaming clients that stop reading (default 20)
  --answer-mb <n>     size of each of their answers (default 8)
  --kills <n>         kill -9 of a process saving credentials (default 50)
  --target <url>      fuzz this running gateway (loopback only) instead of starting one
  --password <pw>     its password (with --target)
  --smoke             tiny counts: checks the harness runs
  --json              print the results as JSON instead of a table
`;

const STALL_MS = 2000;

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: 'string' },
      fuzz: { type: 'string' },
      clients: { type: 'string' },
      'answer-mb': { type: 'string' },
      kills: { type: 'string' },
      target: { type: 'string' },
      password: { type: 'string' },
      smoke: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  if (values.only !== undefined && !(PROBES as readonly string[]).includes(values.only))
    throw new UsageError(`--only takes one of ${PROBES.join(', ')}, not "${values.only}".`);
  if (values.target !== undefined && values.password === undefined)
    throw new UsageError('--target needs --password.');
  const number = (name: 'fuzz' | 'clients' | 'answer-mb' | 'kills', full: number, smoke: number) =>
    values[name] === undefined
      ? values.smoke
        ? smoke
        : full
      : Math.min(wholeNumberOption(name, values[name]), 100_000);
  const runs = (probe: (typeof PROBES)[number]) =>
    (values.only ?? probe) === probe && (values.target === undefined || probe === 'fuzz');
  const results: Record<string, unknown> = {};

  if (runs('fuzz')) {
    const count = number('fuzz', 10_000, 300);
    if (values.target !== undefined) {
      results['fuzz'] = await runFuzz({
        url: values.target,
        password: values.password ?? '',
        count,
      });
    } else {
      results['fuzz'] = await withStack({}, (url) =>
        runFuzz({ url, password: BENCH_PASSWORD, count }),
      );
    }
  }
  if (runs('slow-sockets')) {
    const clients = number('clients', 20, 2);
    const answerBytes = number('answer-mb', 8, 8) * 1024 * 1024;
    results['slowSockets'] = await withStack(
      { CLIENT_STALL_TIMEOUT_MS: String(STALL_MS), SSE_KEEPALIVE_INTERVAL_MS: '0' },
      (_url, gateway) =>
        runSlowSockets({
          gateway,
          password: BENCH_PASSWORD,
          clients,
          answerBytes,
          stallTimeoutMs: STALL_MS,
        }),
    );
  }
  if (runs('kills')) {
    const emulator = await startEmulator();
    try {
      results['kills'] = await runKills({
        kills: number('kills', 50, 5),
        tokenUrl: `${emulator.url}/token`,
        startGateway: (directory) =>
          startGateway(emulator.url, {
            GEMINI_CREDENTIALS: '',
            GEMINI_CREDENTIALS_DIR: directory,
            GEMINI_OAUTH_TOKEN_URL: `${emulator.url}/token`,
          }),
      });
    } finally {
      await emulator.stop();
    }
  }
  process.stdout.write(values.json ? `${JSON.stringify(results, null, 2)}\n` : render(results));
  return 0;
}

/** Runs `probe` against a fresh emulator + gateway (built), then stops both. */
async function withStack<T>(
  gatewayEnv: Record<string, string>,
  probe: (url: string, gateway: Awaited<ReturnType<typeof startGateway>>) => Promise<T>,
): Promise<T> {
  const emulator = await startEmulator(['--stream-chunks', '1000']);
  try {
    const gateway = await startGateway(emulator.url, gatewayEnv);
    try {
      return await probe(gateway.url, gateway);
    } finally {
      await gateway.stop();
    }
  } finally {
    await emulator.stop();
  }
}

const mb = (bytes: unknown) =>
  typeof bytes === 'number' ? `${(bytes / 1024 / 1024).toFixed(0)} MB` : 'n/a';

/** The results as the Markdown lines docs/reliability.md quotes. */
function render(results: Record<string, unknown>): string {
  const lines: string[] = [];
  const fuzz = results['fuzz'] as Awaited<ReturnType<typeof runFuzz>> | undefined;
  if (fuzz) {
    const statuses = Object.entries(fuzz.statuses)
      .sort(([a], [b]) => Number(a) - Number(b))
      .map(([status, n]) => `${status}: ${n}`)
      .join(', ');
    lines.push(
      `fuzz: ${fuzz.sent} requests in ${fuzz.seconds.toFixed(1)} s, ${fuzz.fiveXx} 5xx, ${fuzz.transportErrors} transport errors, /health after: ${fuzz.healthyAfter ? 200 : 'failed'} (${statuses})`,
      ...fuzz.failures.map((failure) => `  ${failure}`),
    );
  }
  const slow = results['slowSockets'] as Awaited<ReturnType<typeof runSlowSockets>> | undefined;
  if (slow) {
    lines.push(
      `slow sockets: ${slow.clients} clients stopped reading ${mb(slow.answerBytes)} answers; gateway RSS ${mb(slow.rssBeforeBytes)} → peak ${mb(slow.rssPeakBytes)}; ${slow.dropped}/${slow.clients} dropped after ${slow.stallTimeoutMs} ms without a read; /health meanwhile ${slow.healthMsWhileStalled.toFixed(0)} ms`,
    );
  }
  const kills = results['kills'] as Awaited<ReturnType<typeof runKills>> | undefined;
  if (kills) {
    lines.push(
      `kill -9: ${kills.kills} kills during credential saves, ${kills.corrupted} corrupted files, ${kills.tempFilesLeft} temp files left, ${kills.tempFilesAfterStart} after the gateway started`,
    );
  }
  return `${lines.join('\n')}\n`;
}

void runCommand('reliability', USAGE, process.argv.slice(2), main).then((code) =>
  process.exit(code),
);
