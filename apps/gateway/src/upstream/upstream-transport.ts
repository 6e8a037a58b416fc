import { asAbortSignal, type AbortFlag, type AbortLike } from './abort-flag';
import type { ConcurrencyLimiter } from './concurrency-limiter';
import {
  abortableSleep,
  DEFAULT_RETRY_POLICY,
  type RetryPolicy,
  type UpstreamFailureKind,
} from './retry-policy';

/** Hooks the boundary calls so metrics see every attempt (all optional). */
export interface UpstreamObserver {
  /** One attempt failed (before the caller got a response, or while reading its body). */
  failed?(kind: UpstreamFailureKind, upstreamName: string): void;
  /** A new attempt is about to be made after a failure of `kind`. */
  retried?(kind: UpstreamFailureKind, upstreamName: string): void;
}

/** An upstream answer as it arrives: status, and a body read at most once. */
export interface RawUpstreamAnswer {
  status: number;
  /** The body's bytes as they arrive (null: no body). */
  body: AsyncIterable<Uint8Array> | null;
  /** Reads the whole body as text; `onChunk` is called as each piece arrives (idle timers). */
  text(onChunk?: () => void): Promise<string>;
  /** Drops the body unread (the connection is freed or closed). */
  discard(): void;
}

/** One upstream POST (or GET): what `sendUpstream` hands to the transport. */
export interface UpstreamRequestInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortFlag;
}

/** Sends one request; rejects on network failure or abort. */
export type UpstreamSend = (url: string, init: UpstreamRequestInit) => Promise<RawUpstreamAnswer>;

/**
 * Everything about *how* upstream requests are sent, shared by every backend: built once from the
 * config (`createUpstreamRuntime`) and handed to each backend as its `transport`, which passes it
 * to `sendUpstream` with every call.
 */
export interface UpstreamTransport {
  /** A fetch (token refresh, tests that fake the upstream); `send` is derived from it if absent. */
  fetch: typeof globalThis.fetch;
  /** The fast path for model calls (undici's `request`); default: `fetch`, adapted. */
  send?: UpstreamSend | undefined;
  retry: RetryPolicy;
  /** Milliseconds from sending to the response headers; 0 disables. */
  firstByteTimeoutMs: number;
  /** The dispatcher's connect timeout (TCP + TLS), for the message when it fires. */
  connectTimeoutMs?: number | undefined;
  /** Milliseconds without a body chunk once the response started; 0 disables. */
  idleTimeoutMs: number;
  limiter?: ConcurrencyLimiter | undefined;
  observer?: UpstreamObserver | undefined;
  /** Injectable for tests. */
  sleep?: (ms: number, signal?: AbortLike) => Promise<void>;
  random?: () => number;
}

/** A transport with its injectable parts filled in. */
export type ResolvedTransport = UpstreamTransport &
  Required<Pick<UpstreamTransport, 'sleep' | 'random' | 'send'>>;

/** The default transport: the global fetch, default retries and timeouts, no concurrency limit. */
export function defaultTransport(): UpstreamTransport {
  return {
    fetch: globalThis.fetch,
    retry: DEFAULT_RETRY_POLICY,
    firstByteTimeoutMs: 120_000,
    idleTimeoutMs: 120_000,
  };
}

/** `transport` (else {@link defaultTransport}) with its injectable parts filled in. */
export function resolveTransport(transport?: UpstreamTransport): ResolvedTransport {
  const base = transport ?? defaultTransport();
  return {
    sleep: abortableSleep,
    random: Math.random,
    ...base,
    send: base.send ?? sendWithFetch(base.fetch),
  };
}

/** An {@link UpstreamSend} over any fetch (its web-stream body is async-iterable). */
export function sendWithFetch(fetch: typeof globalThis.fetch): UpstreamSend {
  return async (url, init) => {
    const { signal, ...rest } = init;
    const response = await fetch(url, signal ? { ...rest, signal: asAbortSignal(signal) } : rest);
    return {
      status: response.status,
      body: response.body,
      text: async (onChunk) => {
        if (!onChunk || !response.body) return response.text();
        const parts: Uint8Array[] = [];
        for await (const chunk of response.body) {
          parts.push(chunk);
          onChunk();
        }
        return Buffer.concat(parts).toString('utf8');
      },
      discard: () => void response.body?.cancel().catch(() => undefined),
    };
  };
}
