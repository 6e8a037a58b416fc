import type { BenchSettings, CaseResult } from './case-result';
import { runLoad, type LoadResult } from './load';
import {
  FLOOR_HEADERS,
  GATEWAY_HEADERS,
  surfaceBodies,
  surfacePath,
  type Surface,
} from './requests';
import { startStack } from './stack';
import { formatSpread, percentOf, spread, truncated, type Spread } from './stats';

interface Comparison {
  gateway: Spread;
  floor: Spread;
  /** Whole-run req/s (warm-up included) and first-wave mean latency (ms), per side. */
  wholeRun: { gateway: Spread; floor: Spread };
  firstWave: { gateway: Spread; floor: Spread };
  /** gateway ÷ floor of each repeat (the two ran back to back, so machine drift cancels out). */
  ratio: Spread;
  /** Non-2xx answers and errors the gateway gave over all repeats. */
  failures: number;
}

/**
 * Loads the gateway and the floor alike, one after the other, `repeats` times. `surface` picks
 * the gateway endpoint (default OpenAI chat completions; `messages`: Anthropic's /v1/messages).
 */
export async function compareWithFloor({
  latencyMs,
  connections,
  durationSeconds,
  repeats,
  counted = false,
  warmupPerConnection,
  surface = 'chat',
  gatewayEnv,
  gatewayHeaders,
}: {
  /** Chat completions (default), the Responses API or Anthropic's Messages. */
  surface?: Surface;
  /** Extra gateway settings (e.g. REDIS_URL, DATABASE_URL). */
  gatewayEnv?: Record<string, string>;
  /** The gateway's request headers, chosen once it runs (e.g. a client key it issued). */
  gatewayHeaders?: (gatewayUrl: string) => Promise<Record<string, string>>;
  latencyMs: number;
  connections: number;
  durationSeconds: number;
  repeats: number;
  /** Count requests per connection (≈ `durationSeconds` at the ideal rate) instead of timing. */
  counted?: boolean;
  /** Untimed requests per connection at the start of each counted run (see runLoad). */
  warmupPerConnection?: number;
}): Promise<Comparison> {
  const stack = await startStack({ latencyMs, ...(gatewayEnv ? { gatewayEnv } : {}) });
  const headers = gatewayHeaders
    ? await gatewayHeaders(stack.gateway.url).catch(async (error: unknown) => {
        await stack.stop();
        throw error;
      })
    : GATEWAY_HEADERS;
  const bodies = surfaceBodies(surface, 'Hello benchmark');
  const runs = { gateway: [] as LoadResult[], floor: [] as LoadResult[] };
  let failures = 0;
  const targets = {
    gateway: {
      url: `${stack.gateway.url}${surfacePath(surface)}`,
      body: bodies.gateway,
      headers,
    },
    floor: { url: `${stack.floor.url}/generate`, body: bodies.floor, headers: FLOOR_HEADERS },
  };
  // Requests per connection in `seconds` at the ideal rate (one request per latency period).
  const perConnection = (seconds: number) =>
    counted ? Math.max(1, Math.round((seconds * 1000) / Math.max(latencyMs, 1))) : undefined;
  const load = (
    target: { url: string; body: string; headers: Record<string, string> },
    seconds: number,
  ) =>
    runLoad({
      ...target,
      connections,
      durationSeconds: seconds,
      requestsPerConnection: perConnection(seconds),
      warmupPerConnection,
    });
  try {
    // Untimed warm-up of both, at the same load: JIT compilation and the upstream connection
    // pools are start-up costs, not throughput (cold start has its own case).
    for (const target of [targets.gateway, targets.floor])
      await load(target, Math.min(2, durationSeconds));
    for (let i = 0; i < repeats; i++) {
      const g = await load(targets.gateway, durationSeconds);
      const f = await load(targets.floor, durationSeconds);
      runs.gateway.push(g);
      runs.floor.push(f);
      failures += g.non2xx + g.errors;
    }
  } finally {
    await stack.stop();
  }
  const both = (pick: (run: LoadResult) => number) => ({
    gateway: spread(runs.gateway.map(pick)),
    floor: spread(runs.floor.map(pick)),
  });
  const ratios = runs.gateway.map(
    (run, index) => run.requestsPerSecond / (runs.floor[index]?.requestsPerSecond ?? Number.NaN),
  );
  return {
    ...both((run) => run.requestsPerSecond),
    wholeRun: both((run) => run.wholeRunRequestsPerSecond),
    firstWave: both((run) => run.firstWaveMeanMs),
    ratio: spread(ratios),
    failures,
  };
}

export function figures({
  gateway,
  floor,
  failures,
}: Comparison): Pick<CaseResult, 'gateway' | 'floor'> {
  return {
    gateway: formatSpread(gateway, 0) + (failures ? ` (${failures} failed)` : ''),
    floor: formatSpread(floor, 0),
  };
}

/** Non-streamed chat at 0 ms upstream: how close the gateway comes to a bare passthrough. */
export async function passthroughCase(
  settings: BenchSettings,
  surface: Surface = 'chat',
): Promise<CaseResult> {
  const result = await compareWithFloor({
    surface,
    latencyMs: 0,
    connections: 16,
    durationSeconds: settings.durationSeconds,
    repeats: settings.repeats,
  });
  // The median of the per-repeat ratios: on a shared machine whose speed drifts by tens of per
  // cent over minutes, each gateway repeat is compared with the floor repeat right after it.
  const ratio = result.ratio.median;
  return {
    name: `non-stream ${surfaceLabel(surface)}, 0 ms upstream, 16 connections (req/s)`,
    target: 'gateway ≥ 0.5 × floor',
    ...figures(result),
    ratio: `${truncated(ratio, 2)} × floor (repeats ${formatSpread(result.ratio, 2)})`,
    met: ratio >= 0.5 && result.failures === 0,
  };
}

/** Non-streamed chat at 200 ms upstream with 256 connections: no serialisation of users. */
export async function latencyBoundCase(
  settings: BenchSettings,
  surface: Surface = 'chat',
): Promise<CaseResult> {
  const connections = 256;
  const ideal = connections / 0.2;
  const result = await compareWithFloor({
    surface,
    latencyMs: 200,
    connections,
    durationSeconds: settings.smoke ? 2 : 10,
    repeats: settings.repeats,
    // Every connection makes the same number of requests and the last ones finish: the run's
    // end does not cut off a wave of 256 requests (see runLoad).
    counted: true,
    // One second (5 requests per connection) on the run's own connections before timing: the
    // burst of 256 connects at the start is reported apart, not averaged into the steady state.
    warmupPerConnection: 5,
  });
  const ratio = result.gateway.median / ideal;
  const percent = (value: number) => percentOf(value, ideal);
  return {
    name: `non-stream ${surfaceLabel(surface)}, 200 ms upstream, 256 connections (req/s)`,
    target: `≥ 95 % of ideal (${ideal.toFixed(0)} req/s)`,
    ...figures(result),
    ratio: `${percent(result.gateway.median)} of ideal`,
    met: ratio >= 0.95 && result.failures === 0,
    details: [
      '256 connections at 200 ms, medians of the repeats. "Steady" is timed after one second on',
      'the run\'s own connections (the table\'s figure); "whole run" includes that second, which',
      'starts with 256 connects and 256 requests at once ("first wave": their mean latency).',
      '',
      '| | steady | whole run | first wave |',
      '|---|---|---|---|',
      ...(['gateway', 'floor'] as const).map(
        (side) =>
          `| ${side} | ${percent(result[side].median)} | ${percent(result.wholeRun[side].median)} | ${result.firstWave[side].median.toFixed(0)} ms |`,
      ),
    ].join('\n'),
  };
}

/** How a case names its surface: `chat` or `/v1/responses`. */
export function surfaceLabel(surface: Surface): string {
  return surface === 'responses' ? '/v1/responses' : 'chat';
}
