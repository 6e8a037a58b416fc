import type { BenchSettings, CaseResult } from './case-result';
import { runLoad } from './load';
import { chatBodies, FLOOR_HEADERS, GATEWAY_HEADERS } from './requests';
import { startStack } from './stack';
import { formatSpread, spread } from './stats';

/** Non-streamed chat at 0 ms upstream: how close the gateway comes to a bare passthrough. */
export async function passthroughCase(settings: BenchSettings): Promise<CaseResult> {
  const stack = await startStack({ latencyMs: 0 });
  const bodies = chatBodies('Hello benchmark');
  const gateway: number[] = [];
  const floor: number[] = [];
  let failures = 0;
  try {
    for (let i = 0; i < settings.repeats; i++) {
      const g = await runLoad({
        url: `${stack.gateway.url}/v1/chat/completions`,
        body: bodies.gateway,
        headers: GATEWAY_HEADERS,
        connections: 16,
        durationSeconds: settings.durationSeconds,
      });
      const f = await runLoad({
        url: `${stack.floor.url}/generate`,
        body: bodies.floor,
        headers: FLOOR_HEADERS,
        connections: 16,
        durationSeconds: settings.durationSeconds,
      });
      gateway.push(g.requestsPerSecond);
      floor.push(f.requestsPerSecond);
      failures += g.non2xx + g.errors;
    }
  } finally {
    await stack.stop();
  }
  const ratio = spread(gateway).median / spread(floor).median;
  return {
    name: 'non-stream chat, 0 ms upstream, 16 connections (req/s)',
    target: 'gateway ≥ 0.5 × floor',
    gateway: formatSpread(spread(gateway), 0) + (failures ? ` (${failures} failed)` : ''),
    floor: formatSpread(spread(floor), 0),
    ratio: `${ratio.toFixed(2)} × floor`,
    met: ratio >= 0.5 && failures === 0,
  };
}

/** Non-streamed chat at 200 ms upstream with 256 connections: no serialisation of users. */
export async function latencyBoundCase(settings: BenchSettings): Promise<CaseResult> {
  const stack = await startStack({ latencyMs: 200 });
  const bodies = chatBodies('Hello benchmark');
  const connections = 256;
  const ideal = connections / 0.2;
  const gateway: number[] = [];
  const floor: number[] = [];
  let failures = 0;
  try {
    for (let i = 0; i < settings.repeats; i++) {
      const g = await runLoad({
        url: `${stack.gateway.url}/v1/chat/completions`,
        body: bodies.gateway,
        headers: GATEWAY_HEADERS,
        connections,
        durationSeconds: settings.smoke ? 2 : 10,
      });
      const f = await runLoad({
        url: `${stack.floor.url}/generate`,
        body: bodies.floor,
        headers: FLOOR_HEADERS,
        connections,
        durationSeconds: settings.smoke ? 2 : 10,
      });
      gateway.push(g.requestsPerSecond);
      floor.push(f.requestsPerSecond);
      failures += g.non2xx + g.errors;
    }
  } finally {
    await stack.stop();
  }
  const ratio = spread(gateway).median / ideal;
  return {
    name: 'non-stream chat, 200 ms upstream, 256 connections (req/s)',
    target: `≥ 95 % of ideal (${ideal.toFixed(0)} req/s)`,
    gateway: formatSpread(spread(gateway), 0) + (failures ? ` (${failures} failed)` : ''),
    floor: formatSpread(spread(floor), 0),
    ratio: `${(ratio * 100).toFixed(1)} % of ideal`,
    met: ratio >= 0.95 && failures === 0,
  };
}
