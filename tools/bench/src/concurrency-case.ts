/**
 * Load test of the gateway's upstream concurrency limit and queue: bursts of concurrent chat
 * requests against a gateway process with UPSTREAM_MAX_CONCURRENCY=8 / UPSTREAM_QUEUE_SIZE=16
 * and an emulator answering after a fixed latency. Reports, per burst, how many were served or
 * refused, how fast refusals came back, and the in-flight and queue peaks seen on /metrics.
 */
import type { BenchSettings, CaseResult } from './case-result';
import { BENCH_PASSWORD, startStack } from './stack';

const LIMIT = 8;
const QUEUE = 16;
const LATENCY_MS = 200;
const BURSTS = [8, 24, 25, 64, 200];

interface BurstResult {
  burst: number;
  ok: number;
  refused: number;
  other: number;
  refusedMaxMs: number;
  okP50Ms: number;
  okMaxMs: number;
  wallMs: number;
  peakInFlight: number;
  peakQueue: number;
  retryAfter: string;
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function gauge(url: string, name: string): Promise<number> {
  const text = await (
    await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${BENCH_PASSWORD}` } })
  ).text();
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `));
  return line ? Number(line.split(' ')[1]) : Number.NaN;
}

async function burst(url: string, size: number): Promise<BurstResult> {
  let peakInFlight = 0;
  let peakQueue = 0;
  let polling = true;
  const poller = (async () => {
    while (polling) {
      peakInFlight = Math.max(peakInFlight, await gauge(url, 'geminicli2api_upstream_in_flight'));
      peakQueue = Math.max(peakQueue, await gauge(url, 'geminicli2api_upstream_queue_depth'));
      await new Promise((done) => setTimeout(done, 10));
    }
  })();
  const started = performance.now();
  let retryAfter = '';
  const results = await Promise.all(
    Array.from({ length: size }, async (_, index) => {
      const sent = performance.now();
      const response = await fetch(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${BENCH_PASSWORD}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'gemini-2.5-flash',
          messages: [{ role: 'user', content: `request ${index}` }],
        }),
      });
      await response.arrayBuffer();
      if (response.status === 429) retryAfter = response.headers.get('retry-after') ?? '';
      return { status: response.status, ms: performance.now() - sent };
    }),
  );
  const wallMs = performance.now() - started;
  polling = false;
  await poller;
  const ok = results.filter((result) => result.status === 200).map((result) => result.ms);
  const refused = results.filter((result) => result.status === 429).map((result) => result.ms);
  return {
    burst: size,
    ok: ok.length,
    refused: refused.length,
    other: results.length - ok.length - refused.length,
    refusedMaxMs: Math.max(0, ...refused),
    okP50Ms: percentile(ok, 50),
    okMaxMs: Math.max(0, ...ok),
    wallMs,
    peakInFlight,
    peakQueue,
    retryAfter,
  };
}

/** The limit and the queue hold under bursts: peaks never exceed them, overflow is refused at once. */
export async function concurrencyCase(settings: BenchSettings): Promise<CaseResult> {
  const stack = await startStack({
    latencyMs: LATENCY_MS,
    gatewayEnv: {
      UPSTREAM_MAX_CONCURRENCY: String(LIMIT),
      UPSTREAM_QUEUE_SIZE: String(QUEUE),
      LOG_LEVEL: 'warn',
    },
  });
  const rows: BurstResult[] = [];
  try {
    await burst(stack.gateway.url, 4); // warm-up: token refresh, project discovery, connections
    for (const size of settings.smoke ? [8, 25] : BURSTS) {
      rows.push(await burst(stack.gateway.url, size));
      await new Promise((done) => setTimeout(done, 300));
    }
  } finally {
    await stack.stop();
  }
  const ms = (value: number) => `${Math.round(value)} ms`;
  const details = [
    `Concurrency limit and queue: \`UPSTREAM_MAX_CONCURRENCY=${LIMIT}\`, \`UPSTREAM_QUEUE_SIZE=${QUEUE}\`, emulator latency ${LATENCY_MS} ms, bursts of N simultaneous non-streamed chats; peaks sampled from \`/metrics\` every ~10 ms.`,
    '',
    '| burst | served (200) | refused (429) | other | slowest refusal | served p50 / max | burst wall time | peak in flight | peak queued |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.burst} | ${r.ok} | ${r.refused}${r.refused ? ` (Retry-After: ${r.retryAfter})` : ''} | ${r.other} | ${r.refused ? ms(r.refusedMaxMs) : '—'} | ${ms(r.okP50Ms)} / ${ms(r.okMaxMs)} | ${ms(r.wallMs)} | ${r.peakInFlight} | ${r.peakQueue} |`,
    ),
    '',
    `Expected: at most ${LIMIT} upstream calls in flight and ${QUEUE} waiting; a burst of N serves min(N, ${LIMIT + QUEUE}) and refuses the rest at once with 429 + \`Retry-After\`; the served ones finish in ⌈served / ${LIMIT}⌉ waves of ~${LATENCY_MS} ms. In the largest burst the client needs a few hundred ms to open all its connections, so the first wave finishes (freeing slots) while requests are still arriving and more than ${LIMIT + QUEUE} get served.`,
  ].join('\n');
  const held = rows.every((r) => r.peakInFlight <= LIMIT && r.peakQueue <= QUEUE && r.other === 0);
  const refusals = rows.filter((r) => r.refused > 0);
  return {
    name: `concurrency limit ${LIMIT} + queue ${QUEUE}, bursts of ${rows.map((r) => r.burst).join('/')} (peaks; overflow)`,
    target: 'peaks ≤ limit/queue, overflow refused at once with 429 + Retry-After, none hang',
    gateway: `peak ${Math.max(...rows.map((r) => r.peakInFlight))} in flight / ${Math.max(...rows.map((r) => r.peakQueue))} queued; ${refusals.reduce((n, r) => n + r.refused, 0)} refused`,
    floor: '—',
    ratio: '—',
    met: held && refusals.every((r) => r.retryAfter !== ''),
    details,
  };
}
