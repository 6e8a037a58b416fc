import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TrafficPoint } from '../admin/admin-api-types';

export type { TrafficPoint };

interface Minute {
  minute: number;
  requests: number;
  errors: number;
  latencies: number[];
}

const SLOTS = 24 * 60;
const SAMPLES_PER_MINUTE = 256;
/** The API surfaces the charts count (model calls and lists), not the console or probes. */
const API_PATH = /^\/(v1|v1beta|v1alpha)\//;

/**
 * The gateway's own request counters per minute for the last 24 hours, in memory (per replica):
 * requests, errors and a bounded latency sample for p50/p95. Costs one `close` listener per API
 * request.
 */
export class TrafficRecorder {
  private readonly slots: (Minute | undefined)[] = new Array<Minute | undefined>(SLOTS);

  constructor(private readonly now: () => number = Date.now) {}

  /** Counts the request once its response is over. */
  track(request: IncomingMessage, response: ServerResponse): void {
    if (!API_PATH.test(request.url ?? '')) return;
    const started = this.now();
    response.on('close', () => {
      const status = response.writableFinished ? response.statusCode : 499;
      this.record(status, this.now() - started);
    });
  }

  /** Adds one finished request. */
  record(status: number, latencyMs: number): void {
    const minute = Math.floor(this.now() / 60_000);
    const index = minute % SLOTS;
    let slot = this.slots[index];
    if (!slot || slot.minute !== minute) {
      slot = { minute, requests: 0, errors: 0, latencies: [] };
      this.slots[index] = slot;
    }
    slot.requests += 1;
    if (status >= 400) slot.errors += 1;
    if (slot.latencies.length < SAMPLES_PER_MINUTE) slot.latencies.push(latencyMs);
    else slot.latencies[Math.floor(Math.random() * SAMPLES_PER_MINUTE)] = latencyMs;
  }

  /** `points` buckets of `bucketMinutes` each, oldest first, the last one ending now. */
  series(points: number, bucketMinutes: number): TrafficPoint[] {
    const current = Math.floor(this.now() / 60_000);
    const first = current - points * bucketMinutes + 1;
    const result: TrafficPoint[] = [];
    for (let point = 0; point < points; point++) {
      const start = first + point * bucketMinutes;
      let requests = 0;
      let errors = 0;
      const latencies: number[] = [];
      for (let minute = start; minute < start + bucketMinutes; minute++) {
        const slot = this.slots[minute % SLOTS];
        if (!slot || slot.minute !== minute) continue;
        requests += slot.requests;
        errors += slot.errors;
        latencies.push(...slot.latencies);
      }
      latencies.sort((a, b) => a - b);
      result.push({
        time: new Date(start * 60_000).toISOString(),
        requests,
        errors,
        latency_ms_p50: percentile(latencies, 0.5),
        latency_ms_p95: percentile(latencies, 0.95),
      });
    }
    return result;
  }
}

function percentile(sorted: readonly number[], fraction: number): number | null {
  if (sorted.length === 0) return null;
  const value = sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? 0;
  return Math.round(value * 10) / 10;
}
