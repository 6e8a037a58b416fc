#!/usr/bin/env node
/**
 * `npm run bench:instructions`: CPU instructions per non-streamed chat, counted by valgrind's
 * callgrind — a measure of the gateway's own work that a shared machine's noise does not move
 * (repeated runs agree within ≈ 1 %, where CPU time per request swings by tens of per cent).
 * For comparing two builds or settings, not for the report's table.
 *
 * The gateway runs under callgrind against the emulator; `--warmup` requests bring V8's JIT to
 * its steady tiers, the counters are zeroed, `--requests` more are sent, and the counters are
 * read. The main thread (the event loop) is reported apart from the helper threads (GC, and the
 * optimizing compiler still catching up: under valgrind every thread runs in turn).
 *
 * Options: see USAGE (`npm run bench:instructions -- --help`). Needs valgrind (Debian:
 * `apt-get install valgrind`).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { runCommand, UsageError, wholeNumberOption } from './command-line';
import { parseEnvPairs } from './env-pairs';
import { chatBodies, GATEWAY_HEADERS } from './requests';
import { freePort, ROOT, waitForHttp } from './services';
import { benchGatewayEnv, GATEWAY_NODE_FLAGS, startEmulator } from './stack';
import { threadTotals } from './thread-totals';

const USAGE = `Usage: npm run bench:instructions -- [options]

Counts the CPU instructions the gateway spends per non-streamed chat, under valgrind's callgrind.

  --warmup <n>          requests before counting, to warm V8's JIT up (default 5000)
  --requests <n>        requests counted (default 2000)
  --connections <n>     concurrent connections (default 8)
  --env NAME=value      an environment variable for the gateway (repeatable)
  --gateway <file>      the gateway build to count (default apps/gateway/dist/main.js)
`;

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      warmup: { type: 'string', default: '5000' },
      requests: { type: 'string', default: '2000' },
      connections: { type: 'string', default: '8' },
      env: { type: 'string', multiple: true, default: [] },
      gateway: { type: 'string', default: 'apps/gateway/dist/main.js' },
    },
  });
  const warmup = wholeNumberOption('warmup', values.warmup, 0);
  const requests = wholeNumberOption('requests', values.requests);
  const connections = wholeNumberOption('connections', values.connections);
  const extraEnv = parseEnvPairs(values.env);
  const gatewayScript = resolve(ROOT, values.gateway);
  if (!existsSync(gatewayScript))
    throw new UsageError(`--gateway ${values.gateway}: no such file (build it first).`);
  if (spawnSync('valgrind', ['--version']).status !== 0) {
    process.stderr.write('valgrind is not installed (Debian: apt-get install valgrind).\n');
    return 2;
  }
  const emulator = await startEmulator();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dumps = mkdtempSync(join(tmpdir(), 'gateway-callgrind-'));
  const env = { ...process.env, ...benchGatewayEnv(emulator.url, port), ...extraEnv };
  const gateway = spawn(
    'valgrind',
    [
      '--tool=callgrind',
      '--separate-threads=yes',
      `--callgrind-out-file=${join(dumps, 'gateway.out')}`,
      process.execPath,
      ...GATEWAY_NODE_FLAGS,
      gatewayScript,
    ],
    { env, stdio: ['ignore', 'ignore', 'ignore'] },
  );
  // callgrind_control finds the process through a file named after HOST and USER as the
  // gateway saw them.
  const control = async (flag: string) => {
    const command = spawn('callgrind_control', [flag, String(gateway.pid)], {
      env,
      stdio: 'ignore',
    });
    // The command is only seen when the process runs: keep it busy until it answered.
    let answered = false;
    command.once('exit', () => {
      answered = true;
    });
    while (!answered) {
      await fetch(`${url}/health`)
        .then((response) => response.arrayBuffer())
        .catch(() => undefined);
      await new Promise((settle) => setTimeout(settle, 100));
    }
  };
  try {
    await waitForHttp(`${url}/health`, { timeoutMs: 300_000 });
    const load = (amount: number) =>
      autocannon({
        url: `${url}/v1/chat/completions`,
        method: 'POST',
        body: chatBodies('Hello benchmark').gateway,
        headers: GATEWAY_HEADERS,
        connections,
        amount,
        timeout: 120,
      });
    process.stderr.write(`warm-up: ${warmup} requests under callgrind…\n`);
    await load(warmup);
    await control('-z');
    process.stderr.write(`measuring ${requests} requests…\n`);
    const measured = await load(requests);
    await control('-d');
    const answered = measured.requests.total - measured.non2xx - measured.errors;
    const files = readdirSync(dumps).filter((name) => name.startsWith('gateway.out.1'));
    const totals = threadTotals(
      Object.fromEntries(files.map((name) => [name, readFileSync(join(dumps, name), 'utf8')])),
    );
    const perRequest = (count: number) => `${Math.round(count / answered / 1000)} k`;
    const [mainThread = Number.NaN, ...helpers] = totals;
    process.stdout.write(
      `${answered} answered requests (${measured.non2xx} non-2xx, ${measured.errors} errors)\n` +
        `main thread:    ${perRequest(mainThread)} instructions per request\n` +
        `helper threads: ${perRequest(helpers.reduce((sum, n) => sum + n, 0))} instructions per request\n`,
    );
    return answered > 0 && Number.isFinite(mainThread) ? 0 : 1;
  } finally {
    gateway.kill('SIGKILL');
    await emulator.stop();
    rmSync(dumps, { recursive: true, force: true });
  }
}

void runCommand('bench:instructions', USAGE, process.argv.slice(2), main).then((code) =>
  process.exit(code),
);
