import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GatewayError } from '../gateway-error';
import { createConcurrencyLimiter } from './concurrency-limiter';
import { DEFAULT_RETRY_POLICY } from './retry-policy';
import { sendUpstream } from './send-upstream';
import { createUpstreamFetch } from './undici-fetch';

/** A local upstream whose handler decides how (and whether) each answer ends. */
async function upstream(handle: (response: ServerResponse) => void) {
  const closed: boolean[] = [];
  const server: Server = createServer((request, response) => {
    request.resume();
    response.once('close', () => closed.push(!response.writableFinished));
    handle(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1internal:generateContent`,
    /** For each request: whether it ended unfinished (the gateway hung up). */
    cutOff: closed,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** One unary call through the real transport (undici), as the backends make it. */
async function unaryCall(url: string, idleTimeoutMs: number) {
  const outbound = createUpstreamFetch({
    proxy: { httpProxy: undefined, httpsProxy: undefined, noProxy: undefined },
    connectTimeoutMs: 1000,
  });
  const limiter = createConcurrencyLimiter({ maxInFlight: 4, maxQueued: 0, retryAfterSeconds: 1 });
  try {
    const reply = await sendUpstream({
      upstreamName: 'Test upstream',
      model: 'gemini-2.5-flash',
      credentials: {
        acquire: async () => ({ id: 'a' }),
        report: () => undefined,
        invalidate: async () => undefined,
      },
      build: () => ({ url, headers: { 'content-type': 'application/json' }, body: '{}' }),
      transport: {
        fetch: outbound.fetch,
        send: outbound.send,
        retry: { ...DEFAULT_RETRY_POLICY, maxAttempts: 1 },
        firstByteTimeoutMs: 2000,
        idleTimeoutMs,
        limiter,
      },
    });
    const result = await reply.json().then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    return { ...result, inFlight: limiter.inFlight };
  } finally {
    await outbound.dispatcher.close();
  }
}

/** Serves one unary call with `handle` as the upstream; reports the outcome and the upstream's view. */
async function callUpstream(handle: (response: ServerResponse) => void, idleTimeoutMs: number) {
  const server = await upstream(handle);
  try {
    const result = await unaryCall(server.url, idleTimeoutMs);
    await new Promise((resolve) => setTimeout(resolve, 50)); // let the upstream see any hang-up
    return { ...result, cutOff: server.cutOff };
  } finally {
    await server.close();
  }
}

function statusAndMessage(result: object) {
  const error = 'error' in result ? result.error : undefined;
  return GatewayError.isInstance(error) ? { status: error.status, message: error.message } : error;
}

const HEADERS = { 'content-type': 'application/json' };

describe('createUpstreamFetch send (unary answers)', () => {
  it('reads a body that arrives in pieces, however slowly, as long as it keeps coming', async () => {
    const pieces = ['{"response":', '{"candidates":', '[]}', '}'];
    // 4 pieces 40 ms apart: 160 ms in all, never 100 ms without a byte.
    const result = await callUpstream((response) => {
      response.writeHead(200, HEADERS);
      const next = () => {
        const piece = pieces.shift();
        if (piece === undefined) response.end();
        else {
          response.write(piece);
          setTimeout(next, 40);
        }
      };
      next();
    }, 100);
    expect(result).toEqual({
      value: { response: { candidates: [] } },
      inFlight: 0,
      cutOff: [false],
    });
  });

  it('fails a body that stops arriving with 504, hangs up upstream and frees the slot', async () => {
    const result = await callUpstream((response) => {
      response.writeHead(200, HEADERS);
      response.write('{"response":');
    }, 80);
    expect(statusAndMessage(result)).toEqual({
      status: 504,
      message: expect.stringContaining('UPSTREAM_IDLE_TIMEOUT_MS'),
    });
    expect(result).toMatchObject({ inFlight: 0, cutOff: [true] });
  });

  it('fails a body cut off by the upstream with 502 (answer incomplete)', async () => {
    const result = await callUpstream((response) => {
      response.writeHead(200, HEADERS);
      response.write('{"response":');
      setTimeout(() => response.destroy(), 20);
    }, 1000);
    expect(statusAndMessage(result)).toEqual({
      status: 502,
      message: expect.stringContaining('lost in the middle of the answer'),
    });
    expect(result.inFlight).toBe(0);
  });
});
