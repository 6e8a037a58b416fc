import type { BenchSettings, CaseResult } from './case-result';
import { formatSpread, percentOf, truncated } from './stats';
import { compareWithFloor, figures } from './throughput-cases';

/**
 * The chat-completions throughput targets on Anthropic's `POST /v1/messages` (the surface
 * Claude Code uses): the same floor, connections, latencies and thresholds.
 */
export async function messagesPassthroughCase(settings: BenchSettings): Promise<CaseResult> {
  const result = await compareWithFloor({
    surface: 'messages',
    latencyMs: 0,
    connections: 16,
    durationSeconds: settings.durationSeconds,
    repeats: settings.repeats,
  });
  const ratio = result.ratio.median;
  return {
    name: 'non-stream /v1/messages, 0 ms upstream, 16 connections (req/s)',
    target: 'gateway ≥ 0.5 × floor',
    ...figures(result),
    ratio: `${truncated(ratio, 2)} × floor (repeats ${formatSpread(result.ratio, 2)})`,
    met: ratio >= 0.5 && result.failures === 0,
  };
}

/** 256 connections at 200 ms upstream on /v1/messages: ≥ 95 % of the ideal rate. */
export async function messagesLatencyBoundCase(settings: BenchSettings): Promise<CaseResult> {
  const connections = 256;
  const ideal = connections / 0.2;
  const result = await compareWithFloor({
    surface: 'messages',
    latencyMs: 200,
    connections,
    durationSeconds: settings.smoke ? 2 : 10,
    repeats: settings.repeats,
    counted: true,
    warmupPerConnection: 5,
  });
  return {
    name: 'non-stream /v1/messages, 200 ms upstream, 256 connections (req/s)',
    target: `≥ 95 % of ideal (${ideal.toFixed(0)} req/s)`,
    ...figures(result),
    ratio: `${percentOf(result.gateway.median, ideal)} of ideal`,
    met: result.gateway.median / ideal >= 0.95 && result.failures === 0,
  };
}
