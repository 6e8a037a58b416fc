import type { Readable } from 'node:stream';
import {
  Agent,
  EnvHttpProxyAgent,
  Pool,
  fetch as undiciFetch,
  request as undiciRequest,
  type Dispatcher,
} from 'undici';
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

/** Everything about *how* upstream requests are sent, shared by every backend. */
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
export type ResolvedTransport = UpstreamTransport &
  Required<Pick<UpstreamTransport, 'sleep' | 'random' | 'send'>>;

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
 * The two ways out, sharing one dispatcher that honours the proxy settings (`EnvHttpProxyAgent`,
 * CONNECT tunnels) and the connect timeout: `send` (undici's `request`, Node streams, for model
 * calls) and a `fetch` (for token refresh and anything else that wants one). Header and body
 * timeouts are left to the upstream boundary's own timers.
 */
export function createUpstreamFetch({ proxy, connectTimeoutMs }: UpstreamFetchOptions): {
  fetch: typeof globalThis.fetch;
  send: UpstreamSend;
  dispatcher: Dispatcher;
} {
  const agentOptions = {
    connect: { timeout: connectTimeoutMs },
    headersTimeout: 0,
    bodyTimeout: 0,
  };
  const connectTimeout = { timeout: connectTimeoutMs };
  const dispatcher: Dispatcher =
    proxy.httpProxy || proxy.httpsProxy
      ? new EnvHttpProxyAgent({
          ...agentOptions,
          // A proxy agent replaces `connect` with its tunnel, so the connect timeout is given to
          // each step of it: reaching the proxy, the proxy's answer to CONNECT (the only
          // response-header wait undici times here: upstream requests leave that to the
          // gateway's own timers) and the TLS handshake with Google inside the tunnel.
          proxyTls: connectTimeout,
          requestTls: connectTimeout,
          clientFactory: (origin: URL, options: object) =>
            new Pool(origin, { ...options, headersTimeout: connectTimeoutMs }),
          // Explicit values: the app's config is the only place the environment is read.
          httpProxy: proxy.httpProxy ?? '',
          httpsProxy: proxy.httpsProxy ?? proxy.httpProxy ?? '',
          noProxy: proxy.noProxy ?? '',
        })
      : new Agent(agentOptions);
  const fetch = ((input: Parameters<typeof globalThis.fetch>[0], init?: RequestInit) =>
    typeof input === 'string' && isSimpleInit(init)
      ? requestAsResponse(input, init, dispatcher)
      : undiciFetch(input as Parameters<typeof undiciFetch>[0], {
          ...(init as Parameters<typeof undiciFetch>[1]),
          dispatcher,
        })) as unknown as typeof globalThis.fetch;
  // A few distinct URLs in practice (endpoint × method): parsed once, not on every call.
  const targets = new Map<string, { origin: string; path: string }>();
  const targetOf = (url: string) => {
    let target = targets.get(url);
    if (!target) {
      const parsed = new URL(url);
      target = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
      if (targets.size >= 256) targets.clear();
      targets.set(url, target);
    }
    return target;
  };
  const send: UpstreamSend = async (url, init) => {
    const { origin, path } = targetOf(url);
    const answer = await dispatcher.request({
      origin,
      path,
      method: init.method as Dispatcher.HttpMethod,
      headers: init.headers,
      ...(init.body !== undefined ? { body: init.body } : {}),
      // undici takes any signal with add/removeEventListener, `aborted` and `reason`.
      ...(init.signal ? { signal: init.signal as unknown as AbortSignal } : {}),
    });
    const body = answer.body;
    return {
      status: answer.statusCode,
      body: NULL_BODY_STATUSES.has(answer.statusCode) ? null : body,
      text: (onChunk) => readText(body, onChunk),
      discard: () => void body.dump().catch(() => undefined),
    };
  };
  return { fetch, send, dispatcher };
}

/**
 * A Node stream's bytes as text, read with plain `data` events: for the one- or two-chunk bodies
 * of unary answers, a fraction of the cost of async iteration (CPU profile under the benchmark).
 */
function readText(readable: Readable, onChunk?: () => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let ended = false;
    readable.on('data', (chunk: Buffer) => {
      parts.push(chunk);
      onChunk?.();
    });
    readable.once('end', () => {
      ended = true;
      resolve(Buffer.concat(parts).toString('utf8'));
    });
    readable.once('error', reject);
    readable.once('close', () => {
      if (!ended) reject(new Error('the upstream body closed before it ended'));
    });
  });
}

type SimpleInit = RequestInit & { headers?: Record<string, string>; body?: string };

/** A request the fast path can send: plain header object, string (or no) body. */
function isSimpleInit(init: RequestInit | undefined): init is SimpleInit {
  if (!init) return true;
  const { headers, body } = init;
  const plainHeaders =
    headers === undefined ||
    (typeof headers === 'object' && !Array.isArray(headers) && !(headers instanceof Headers));
  return plainHeaders && (body === undefined || body === null || typeof body === 'string');
}

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * The hot path of every upstream call: undici's `request` (a fraction of `fetch`'s CPU cost,
 * measured in tools/bench) wrapped into a standard `Response`, so callers keep the fetch API.
 * Redirects are not followed; Google's APIs do not redirect these POSTs.
 */
async function requestAsResponse(
  url: string,
  init: SimpleInit | undefined,
  dispatcher: Dispatcher,
): Promise<Response> {
  const answer = await undiciRequest(url, {
    method: (init?.method ?? 'GET') as Dispatcher.HttpMethod,
    ...(init?.headers ? { headers: init.headers } : {}),
    ...(typeof init?.body === 'string' ? { body: init.body } : {}),
    ...(init?.signal ? { signal: init.signal } : {}),
    dispatcher,
  });
  const headers = new Headers();
  for (const [name, value] of Object.entries(answer.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.set(name, value);
  }
  if (NULL_BODY_STATUSES.has(answer.statusCode)) {
    answer.body.resume();
    return new Response(null, { status: answer.statusCode, headers });
  }
  return new Response(toWebStream(answer.body), { status: answer.statusCode, headers });
}

/**
 * A pull-based web stream over a Node stream. (Node 20's `Readable.toWeb` can enqueue after a
 * cancel and throw "Controller is already closed"; pulling one chunk at a time cannot.)
 */
function toWebStream(readable: Readable): ReadableStream<Uint8Array> {
  const chunks = readable[Symbol.asyncIterator]() as AsyncIterator<Uint8Array>;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await chunks.next();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    async cancel() {
      readable.destroy();
      await chunks.return?.();
    },
  });
}
