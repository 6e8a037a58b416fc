import { Agent, EnvHttpProxyAgent, fetch as undiciFetch, type Dispatcher } from 'undici';
import type { ConcurrencyLimiter } from './concurrency-limiter';
import { abortableSleep, DEFAULT_RETRY_POLICY, type RetryPolicy, type UpstreamFailureKind } from './retry-policy';

/** Hooks the boundary calls so metrics see every attempt (all optional). */
export interface UpstreamObserver {
  /** One attempt failed (before the caller got a response, or while reading its body). */
  failed?(kind: UpstreamFailureKind, upstreamName: string): void;
  /** A new attempt is about to be made after a failure of `kind`. */
  retried?(kind: UpstreamFailureKind, upstreamName: string): void;
}

/** Everything about *how* upstream requests are sent, shared by every backend. */
export interface UpstreamTransport {
  fetch: typeof globalThis.fetch;
  retry: RetryPolicy;
  /** Milliseconds from sending to the response headers; 0 disables. */
  firstByteTimeoutMs: number;
  /** Milliseconds without a body chunk once the response started; 0 disables. */
  idleTimeoutMs: number;
  limiter?: ConcurrencyLimiter | undefined;
  observer?: UpstreamObserver | undefined;
  /** Injectable for tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

const TRANSPORT = Symbol.for('geminicli2api.gateway.UpstreamTransport');

type TaggedFetch = typeof globalThis.fetch & { [TRANSPORT]?: UpstreamTransport };

/**
 * Returns a fetch that carries `transport`: a backend that is handed this fetch and passes it to
 * `sendUpstream` gets the gateway's retries, timeouts and concurrency limit without extra wiring.
 */
export function withTransport(transport: UpstreamTransport): typeof globalThis.fetch {
  const tagged: TaggedFetch = (input, init) => transport.fetch(input, init);
  tagged[TRANSPORT] = transport;
  return tagged;
}

/** A transport with its injectable parts filled in. */
export type ResolvedTransport = UpstreamTransport & Required<Pick<UpstreamTransport, 'sleep' | 'random'>>;

/**
 * `explicit`, else the transport a fetch carries, else defaults around that fetch (no
 * concurrency limit, default retries and timeouts).
 */
export function resolveTransport(
  fetch: typeof globalThis.fetch | undefined,
  explicit?: UpstreamTransport,
): ResolvedTransport {
  const carried = explicit ?? (fetch as TaggedFetch | undefined)?.[TRANSPORT];
  const base: UpstreamTransport = carried ?? {
    fetch: fetch ?? globalThis.fetch,
    retry: DEFAULT_RETRY_POLICY,
    firstByteTimeoutMs: 120_000,
    idleTimeoutMs: 120_000,
  };
  return { sleep: abortableSleep, random: Math.random, ...base };
}

/** Outbound proxy settings (`HTTP_PROXY`, `HTTPS_PROXY`, `NO_PROXY`). */
export interface ProxySettings {
  httpProxy: string | undefined;
  httpsProxy: string | undefined;
  noProxy: string | undefined;
}

/** Options of {@link createUpstreamFetch}. */
export interface UpstreamFetchOptions {
  proxy: ProxySettings;
  /** TCP (and TLS) connect timeout in milliseconds. */
  connectTimeoutMs: number;
}

/**
 * A fetch for every outbound call (Gemini calls and token refresh alike): undici's fetch with a
 * dispatcher that honours the proxy settings (`EnvHttpProxyAgent`, CONNECT tunnels) and the
 * connect timeout. Header and body timeouts are left to the upstream boundary's own timers.
 */
export function createUpstreamFetch({ proxy, connectTimeoutMs }: UpstreamFetchOptions): {
  fetch: typeof globalThis.fetch;
  dispatcher: Dispatcher;
} {
  const agentOptions = { connect: { timeout: connectTimeoutMs }, headersTimeout: 0, bodyTimeout: 0 };
  const dispatcher: Dispatcher =
    proxy.httpProxy || proxy.httpsProxy
      ? new EnvHttpProxyAgent({
          ...agentOptions,
          // Explicit values: the app's config is the only place the environment is read.
          httpProxy: proxy.httpProxy ?? '',
          httpsProxy: proxy.httpsProxy ?? proxy.httpProxy ?? '',
          noProxy: proxy.noProxy ?? '',
        })
      : new Agent(agentOptions);
  const fetch = ((input: Parameters<typeof globalThis.fetch>[0], init?: RequestInit) =>
    undiciFetch(input as Parameters<typeof undiciFetch>[0], {
      ...(init as Parameters<typeof undiciFetch>[1]),
      dispatcher,
    })) as unknown as typeof globalThis.fetch;
  return { fetch, dispatcher };
}
