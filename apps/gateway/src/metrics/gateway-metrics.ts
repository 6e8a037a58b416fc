import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { UpstreamObserver } from '../upstream/upstream-transport';
import { TalliedCounter, TalliedHistogram } from './tallies';

/** The gateway's Prometheus metrics, in a registry of their own (one per gateway instance). */
export interface GatewayMetrics {
  registry: Registry;
  upstreamErrors: Counter<'upstream' | 'kind'>;
  upstreamRetries: Counter<'upstream' | 'kind'>;
  /** `MODEL_FALLBACKS`: requests served by a later model of a chain, by the model that failed and the one that served. */
  modelFallbacks: Counter<'from' | 'to' | 'reason'>;
  activeStreams: Gauge;
  /** Counts an answered request: requests, its duration and the tokens it used. */
  countRequest(request: CountedRequest): void;
  /** Feeds upstream failures and retries into the counters. */
  observer: UpstreamObserver;
  /** Reports `geminicli2api_accounts{state}` from the account pool at each scrape. */
  trackAccounts(source: () => readonly AccountLike[]): void;
  /** Reports the upstream queue depth and requests in flight from the limiter at each scrape. */
  trackLimiter(limiter: LimiterState): void;
}

/** What the limiter gauges read from the upstream concurrency limiter. */
export interface LimiterState {
  readonly inFlight: number;
  readonly queued: number;
}

/** One answered request, as the access log saw it. */
export interface CountedRequest {
  route: string;
  method: string;
  /** `none` when the request named no model. */
  model: string;
  status: number;
  stream: boolean;
  durationSeconds: number;
  usage?: { promptTokens: number; completionTokens: number } | undefined;
}

/** What the accounts gauge needs from an account's status. */
export interface AccountLike {
  state: string;
  cooldowns: readonly unknown[];
}

/** Builds the metrics. `defaultMetrics` adds process metrics (CPU, memory, event loop lag). */
export function createGatewayMetrics({
  defaultMetrics = true,
}: { defaultMetrics?: boolean } = {}): GatewayMetrics {
  const registry = new Registry();
  if (defaultMetrics) {
    collectDefaultMetrics({
      register: registry,
      prefix: 'geminicli2api_',
      // prom-client samples event-loop delay every 10 ms by default: a timer that wakes an idle
      // gateway 100 times a second (≈ 0.7 % of a core on a VM, docs/performance.md). Every
      // 100 ms still catches any stall long enough to matter.
      eventLoopMonitoringPrecision: 100,
    });
  }
  const registers = [registry];
  const upstreamErrors = new Counter({
    name: 'geminicli2api_upstream_errors_total',
    help: 'Failed upstream attempts by kind (rate-limited, server-error, cancelled, network, timeout-first-byte, timeout-idle, client-error).',
    labelNames: ['upstream', 'kind'] as const,
    registers,
  });
  const upstreamRetries = new Counter({
    name: 'geminicli2api_upstream_retries_total',
    help: 'Upstream attempts repeated (backoff or rotation to another credential), by the failure that caused them.',
    labelNames: ['upstream', 'kind'] as const,
    registers,
  });
  // The per-request metrics are tallied in cells and read at scrape time (see ./tallies).
  const requests = new TalliedCounter({
    name: 'geminicli2api_http_requests_total',
    help: 'HTTP requests answered, by route, method, model and status.',
    labelNames: ['route', 'method', 'model', 'status'] as const,
    registers,
  });
  const requestDuration = new TalliedHistogram({
    name: 'geminicli2api_http_request_duration_seconds',
    help: 'Time from request to the end of the response (streams: the last byte).',
    labelNames: ['route', 'method', 'stream'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
    registers,
  });
  const tokens = new TalliedCounter({
    name: 'geminicli2api_tokens_total',
    help: 'Tokens reported by the upstream, by model and type (prompt, completion).',
    labelNames: ['model', 'type'] as const,
    registers,
  });
  let limiter: LimiterState | undefined;
  new Gauge({
    name: 'geminicli2api_upstream_queue_depth',
    help: 'Requests waiting for an upstream concurrency slot.',
    registers,
    collect() {
      this.set(limiter?.queued ?? 0);
    },
  });
  new Gauge({
    name: 'geminicli2api_upstream_in_flight',
    help: 'Upstream requests holding a concurrency slot.',
    registers,
    collect() {
      this.set(limiter?.inFlight ?? 0);
    },
  });
  return {
    registry,
    countRequest({ route, method, model, status, stream, durationSeconds, usage }) {
      requests.add([route, method, model, status]);
      requestDuration.observe([route, method, stream], durationSeconds);
      if (usage) {
        tokens.add([model, 'prompt'], usage.promptTokens);
        tokens.add([model, 'completion'], usage.completionTokens);
      }
    },
    trackLimiter(source) {
      limiter = source;
    },
    upstreamErrors,
    upstreamRetries,
    modelFallbacks: new Counter({
      name: 'geminicli2api_model_fallbacks_total',
      help: 'Requests handed to the next model of a MODEL_FALLBACKS chain, by the failed model, the next one and why (exhausted, overloaded, not-found).',
      labelNames: ['from', 'to', 'reason'] as const,
      registers,
    }),
    activeStreams: new Gauge({
      name: 'geminicli2api_active_streams',
      help: 'Server-sent event responses currently open.',
      registers,
    }),
    trackAccounts(source) {
      new Gauge({
        name: 'geminicli2api_accounts',
        help: 'Accounts by state (a ready account with a model in cooldown counts as cooling-down).',
        labelNames: ['state'] as const,
        registers,
        collect() {
          this.reset();
          for (const account of source()) {
            const state =
              account.state === 'ready' && account.cooldowns.length > 0
                ? 'cooling-down'
                : account.state;
            this.inc({ state });
          }
        },
      });
    },
    observer: {
      failed: (kind, upstream) => upstreamErrors.inc({ upstream, kind }),
      retried: (kind, upstream) => upstreamRetries.inc({ upstream, kind }),
    },
  };
}
