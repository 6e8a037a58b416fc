import type { Dispatcher } from 'undici';
import type { Config } from '../config';
import type { GatewayMetrics } from '../metrics/gateway-metrics';
import { createConcurrencyLimiter, type ConcurrencyLimiter } from './concurrency-limiter';
import { createUpstreamFetch } from './undici-fetch';
import type { UpstreamSend, UpstreamTransport } from './upstream-transport';

/** What `createGateway` hands to every backend and to token refresh. */
export interface UpstreamRuntime {
  /** How every backend sends model calls (retries, timeouts, the limiter): pass it to each. */
  transport: UpstreamTransport;
  /** The plain outbound fetch (proxy-aware), for calls outside `sendUpstream`: token refresh, setup. */
  fetch: typeof globalThis.fetch;
  limiter: ConcurrencyLimiter;
  /** Closes pooled upstream connections (shutdown, tests). */
  close(): Promise<void>;
}

/**
 * Builds the outbound side from the config: a proxy-aware fetch (unless `baseFetch` is given),
 * and the transport around it (retry policy, timeouts, concurrency limiter, reporting into
 * `metrics`) that `createBackend` hands to every backend.
 */
export function createUpstreamRuntime({
  config,
  metrics,
  baseFetch,
}: {
  config: Config;
  metrics?: GatewayMetrics | undefined;
  baseFetch?: typeof globalThis.fetch | undefined;
}): UpstreamRuntime {
  let dispatcher: Dispatcher | undefined;
  let fetch = baseFetch;
  let send: UpstreamSend | undefined;
  if (!fetch) {
    const created = createUpstreamFetch({
      proxy: config.proxy,
      connectTimeoutMs: config.timeouts.connectMs,
    });
    fetch = created.fetch;
    send = created.send;
    dispatcher = created.dispatcher;
  }
  const limiter = createConcurrencyLimiter(config.concurrency);
  metrics?.trackLimiter(limiter);
  return {
    transport: {
      fetch,
      send,
      retry: config.retry,
      firstByteTimeoutMs: config.timeouts.firstByteMs,
      connectTimeoutMs: config.timeouts.connectMs,
      idleTimeoutMs: config.timeouts.idleMs,
      limiter,
      observer: metrics?.observer,
    },
    fetch,
    limiter,
    close: async () => {
      await dispatcher?.close().catch(() => undefined);
    },
  };
}
