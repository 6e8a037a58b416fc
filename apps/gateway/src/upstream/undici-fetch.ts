import type { Readable } from 'node:stream';
import {
  Agent,
  EnvHttpProxyAgent,
  Pool,
  fetch as undiciFetch,
  request as undiciRequest,
  type Dispatcher,
} from 'undici';
import type { UpstreamSend } from './upstream-transport';

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
