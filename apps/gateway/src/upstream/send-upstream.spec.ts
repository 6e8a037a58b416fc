import type { UnderlyingSource } from 'node:stream/web';
import { GatewayError } from '../gateway-error';
import { createConcurrencyLimiter } from './concurrency-limiter';
import { DEFAULT_RETRY_POLICY } from './retry-policy';
import { sendUpstream, type CredentialSelector } from './send-upstream';
import type { UpstreamTransport } from './upstream-transport';

interface Cred {
  id: string;
}

function selector(ids: string[]): CredentialSelector<Cred> & { reports: string[] } {
  const reports: string[] = [];
  return {
    reports,
    async acquire({ exclude }) {
      const id = ids.find((candidate) => !exclude.has(candidate)) ?? ids[0] ?? 'none';
      return { id };
    },
    report(credential, outcome) {
      reports.push(`${credential.id}:${outcome.kind}`);
    },
    invalidate: () => Promise.resolve(),
  };
}

function googleError(code: number, status: string, extra: Record<string, unknown>[] = []): string {
  return JSON.stringify({ error: { code, status, message: `${status} happened`, details: extra } });
}

const retryInfo = (seconds: number) => ({
  '@type': 'type.googleapis.com/google.rpc.RetryInfo',
  retryDelay: `${seconds}s`,
});
const errorInfo = (reason: string) => ({
  '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
  reason,
  domain: 'cloudcode-pa.googleapis.com',
});

type Answer = Response | Error;

/** A scripted fetch: answers in order, recording which credential each call used. */
function scriptedFetch(answers: (() => Answer)[]) {
  const calls: string[] = [];
  const fetch = jest.fn(async (url: unknown, init?: RequestInit) => {
    calls.push(String((init?.headers as Record<string, string>)['x-cred']));
    const next = answers.shift();
    if (!next) throw new Error('no more scripted answers');
    const answer = next();
    if (answer instanceof Error) throw answer;
    return answer;
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

function run(
  answers: (() => Answer)[],
  {
    ids = ['a'],
    transport = {},
    signal,
  }: { ids?: string[]; transport?: Partial<UpstreamTransport>; signal?: AbortSignal } = {},
) {
  const { fetch, calls } = scriptedFetch(answers);
  const sleeps: number[] = [];
  const credentials = selector(ids);
  const promise = sendUpstream({
    upstreamName: 'Test upstream',
    model: 'gemini-2.5-pro',
    credentials,
    signal,
    build: (credential) => ({
      url: 'http://upstream.test/x',
      headers: { 'x-cred': credential.id },
      body: '{}',
    }),
    transport: {
      fetch,
      retry: DEFAULT_RETRY_POLICY,
      firstByteTimeoutMs: 0,
      idleTimeoutMs: 0,
      random: () => 0.5,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      ...transport,
    },
  });
  return { promise, calls, sleeps, credentials };
}

/** One call (model `m`, one credential) with the given fetch and transport settings. */
function callWith(fetch: typeof globalThis.fetch, transport: Partial<UpstreamTransport>) {
  return sendUpstream({
    upstreamName: 'Test upstream',
    model: 'm',
    credentials: selector(['a']),
    build: () => ({ url: 'http://upstream.test/x', headers: {}, body: '{}' }),
    transport: {
      fetch,
      retry: DEFAULT_RETRY_POLICY,
      firstByteTimeoutMs: 0,
      idleTimeoutMs: 0,
      ...transport,
    },
  });
}

/** A 200 whose body `source` produces (given the upstream request's signal), under a 1-slot limiter. */
async function streamingReply({
  idleTimeoutMs,
  source,
}: {
  idleTimeoutMs: number;
  source: (signal: AbortSignal | null | undefined) => UnderlyingSource<Uint8Array>;
}) {
  const limiter = createConcurrencyLimiter({ maxInFlight: 1, maxQueued: 0, retryAfterSeconds: 1 });
  const fetch = (async (_url: unknown, init?: RequestInit) =>
    new Response(new ReadableStream<Uint8Array>(source(init?.signal)), {
      status: 200,
    })) as typeof globalThis.fetch;
  const reply = await callWith(fetch, { idleTimeoutMs, limiter });
  return { reply, limiter };
}

const ok = () => new Response('{"ok":true}', { status: 200 });
const status =
  (code: number, body = googleError(code, 'UNAVAILABLE')) =>
  () =>
    new Response(body, { status: code });

describe('sendUpstream retry boundary', () => {
  it.each([
    ['503', status(503)],
    ['500', status(500)],
    ['499 (cancelled)', status(499, googleError(499, 'CANCELLED'))],
    [
      'a connection reset',
      () => Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } }),
    ],
  ])('retries %s with exponential backoff, then succeeds', async (_name, failure) => {
    const { promise, calls, sleeps } = run([failure, failure, ok]);
    const response = await promise;
    expect(response.status).toBe(200);
    expect(calls).toEqual(['a', 'a', 'a']);
    // random() = 0.5 means no jitter: 1 s, then 2 s.
    expect(sleeps).toEqual([1000, 2000]);
  });

  it('gives up after maxAttempts and reports the last status', async () => {
    const { promise, calls } = run([status(503), status(503), status(503), ok]);
    await expect(promise).rejects.toMatchObject({ status: 503 });
    expect(calls).toHaveLength(3);
  });

  it.each([
    [400, 'INVALID_ARGUMENT'],
    [403, 'PERMISSION_DENIED'],
    [404, 'NOT_FOUND'],
  ])('never retries %i', async (code, name) => {
    const { promise, calls, sleeps } = run([status(code, googleError(code, name)), ok]);
    await expect(promise).rejects.toMatchObject({ status: code });
    expect(calls).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('caps the backoff at maxDelayMs and applies ±30 % jitter', async () => {
    const failures = Array.from({ length: 5 }, () => status(503));
    const { promise, sleeps } = run([...failures, ok], {
      transport: {
        retry: { ...DEFAULT_RETRY_POLICY, maxAttempts: 6, maxDelayMs: 3000 },
        random: () => 0,
      },
    });
    await promise;
    expect(sleeps).toEqual([700, 1400, 2100, 2100, 2100]);
  });

  it('moves a 429 to another credential first, without waiting', async () => {
    const limited = status(
      429,
      googleError(429, 'RESOURCE_EXHAUSTED', [errorInfo('RATE_LIMIT_EXCEEDED'), retryInfo(5)]),
    );
    const { promise, calls, sleeps, credentials } = run([limited, ok], { ids: ['a', 'b'] });
    expect((await promise).status).toBe(200);
    expect(calls).toEqual(['a', 'b']);
    expect(sleeps).toEqual([]);
    expect(credentials.reports).toEqual(['a:rate-limited', 'b:success']);
  });

  it('waits out a short RetryInfo delay on the same credential when it is the only one', async () => {
    const limited = status(
      429,
      googleError(429, 'RESOURCE_EXHAUSTED', [errorInfo('RATE_LIMIT_EXCEEDED'), retryInfo(2)]),
    );
    const { promise, calls, sleeps } = run([limited, ok]);
    expect((await promise).status).toBe(200);
    expect(calls).toEqual(['a', 'a']);
    expect(sleeps).toEqual([2200]); // the server's 2 s + 10 % jitter (random 0.5 of up to 20 %)
  });

  it.each([
    ['a delay longer than maxRateLimitWaitMs', [errorInfo('RATE_LIMIT_EXCEEDED'), retryInfo(60)]],
    ['QUOTA_EXHAUSTED', [errorInfo('QUOTA_EXHAUSTED'), retryInfo(2)]],
    ['no RetryInfo', [errorInfo('RATE_LIMIT_EXCEEDED')]],
  ])('returns a 429 with %s at once', async (_name, details) => {
    const { promise, calls, sleeps } = run([
      status(429, googleError(429, 'RESOURCE_EXHAUSTED', details)),
      ok,
    ]);
    await expect(promise).rejects.toMatchObject({ status: 429 });
    expect(calls).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('stops waiting and does not retry when the client aborts during the backoff', async () => {
    const controller = new AbortController();
    const { promise, calls } = run([status(503), ok], {
      signal: controller.signal,
      transport: {
        sleep: (_ms, signal) =>
          new Promise((_resolve, reject) => {
            signal?.addEventListener('abort', () => reject(signal.reason));
            controller.abort(new Error('client went away'));
          }),
      },
    });
    await expect(promise).rejects.toThrow('client went away');
    expect(calls).toHaveLength(1);
  });

  it('turns a first-byte timeout into a retry, then a 504', async () => {
    const never = (_url: unknown, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new Error('aborted')));
      });
    const fetch = jest.fn(never) as unknown as typeof globalThis.fetch;
    const promise = callWith(fetch, {
      retry: { ...DEFAULT_RETRY_POLICY, maxAttempts: 2, baseDelayMs: 1 },
      firstByteTimeoutMs: 20,
    });
    const error = await promise.catch((caught: unknown) => caught);
    expect(GatewayError.isInstance(error) && error.status).toBe(504);
    expect((error as Error).message).toContain('UPSTREAM_FIRST_BYTE_TIMEOUT_MS');
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('fails an idle body with 504 and frees the concurrency slot', async () => {
    const { reply, limiter } = await streamingReply({
      idleTimeoutMs: 30,
      source: (signal) => ({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('data: {}\n\n'));
          signal?.addEventListener('abort', () => controller.error(signal.reason));
        },
      }),
    });
    expect(limiter.inFlight).toBe(1);
    const error = await reply.text().catch((caught: unknown) => caught);
    expect(GatewayError.isInstance(error) && error.status).toBe(504);
    expect(limiter.inFlight).toBe(0);
  });

  it('answers 502 (not a crash or a 500) when a 2xx upstream body is not JSON', async () => {
    const { promise } = run([() => new Response('<html>proxy error page</html>', { status: 200 })]);
    const reply = await promise;
    const error = await reply.json().catch((caught: unknown) => caught);
    expect(GatewayError.isInstance(error) && error.status).toBe(502);
    expect((error as Error).message).toBe(
      'Test upstream returned a response that is not valid JSON.',
    );
  });

  it('aborts the upstream request and frees the slot when the reader stops early', async () => {
    let upstreamAborted = false;
    const { reply, limiter } = await streamingReply({
      idleTimeoutMs: 0,
      source: (signal) => {
        signal?.addEventListener('abort', () => (upstreamAborted = true));
        return {
          pull(controller) {
            controller.enqueue(new TextEncoder().encode('data: {}\n\n'));
          },
        };
      },
    });
    expect(limiter.inFlight).toBe(1);
    for await (const chunk of reply.body ?? []) {
      expect(chunk.byteLength).toBeGreaterThan(0);
      break; // the client left after the first chunk
    }
    expect(upstreamAborted).toBe(true);
    expect(limiter.inFlight).toBe(0);
  });

  it('refuses at once with 429 and a retry delay when the queue is full', async () => {
    const limiter = createConcurrencyLimiter({
      maxInFlight: 1,
      maxQueued: 0,
      retryAfterSeconds: 3,
    });
    const release = await limiter.acquire();
    const { promise, calls } = run([ok], { transport: { limiter } });
    const error = await promise.catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      status: 429,
      upstream: { retryDelayMs: 3000, status: 'RESOURCE_EXHAUSTED' },
    });
    expect(calls).toHaveLength(0);
    release();
  });
});
