import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import {
  accessLines,
  chat,
  FAST_RETRIES,
  generateCalls,
  busyEmulatorSockets,
  waitFor,
} from './support/resilience-helpers';
import { startGateway } from './support/start-gateway';
import { startTestProxy } from './support/test-proxy';
import { postJson, startStack, type Stack } from './support/start-stack';

const HI = { model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'hi' }] };

describe('upstream faults: retries, timeouts and their client-visible results', () => {
  let stack: Stack;
  afterEach(async () => {
    await stack?.close();
  });

  it('retries a 503 and answers 200; the access log counts the retry', async () => {
    stack = await startStack({ env: FAST_RETRIES });
    stack.emulator.script({
      kind: 'server-error',
      status: 503,
      match: { method: 'generateContent' },
    });
    const result = await chat(stack);
    expect(result.status).toBe(200);
    expect(JSON.parse(result.text).choices[0].message.content).toContain('Echo: hello');
    expect(generateCalls(stack)).toBe(2);
    expect(accessLines(stack)).toContainEqual(
      expect.objectContaining({ status: 200, retries: 1, route: '/v1/chat/completions' }),
    );
  });

  it('gives up after UPSTREAM_MAX_ATTEMPTS and answers the upstream status in the OpenAI shape', async () => {
    stack = await startStack({ env: { ...FAST_RETRIES, UPSTREAM_MAX_ATTEMPTS: '3' } });
    stack.emulator.script({
      kind: 'server-error',
      status: 503,
      times: Infinity,
      match: { method: 'generateContent' },
    });
    const result = await chat(stack);
    expect(result.status).toBe(503);
    expect(JSON.parse(result.text)).toMatchObject({
      error: { type: 'server_error', message: expect.any(String) },
    });
    expect(generateCalls(stack)).toBe(3);
  });

  it('never retries a 400', async () => {
    stack = await startStack({ env: FAST_RETRIES });
    stack.emulator.script({ kind: 'status', status: 400, match: { method: 'generateContent' } });
    const result = await chat(stack);
    expect(result.status).toBe(400);
    expect(JSON.parse(result.text).error.type).toBe('invalid_request_error');
    expect(generateCalls(stack)).toBe(1);
  });

  it('retries after a connection reset before the response', async () => {
    stack = await startStack({ env: FAST_RETRIES });
    stack.emulator.script({ kind: 'reset-before-response', match: { method: 'generateContent' } });
    const result = await chat(stack);
    expect(result.status).toBe(200);
    expect(generateCalls(stack)).toBe(2);
  });

  it('waits out a short 429 RetryInfo delay on the only account, then succeeds', async () => {
    stack = await startStack({ env: { ...FAST_RETRIES, UPSTREAM_RATE_LIMIT_MAX_WAIT_MS: '2000' } });
    stack.emulator.script({
      kind: 'rate-limit',
      retryDelaySeconds: 1,
      match: { method: 'generateContent' },
    });
    const started = Date.now();
    const result = await chat(stack);
    expect(result.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(generateCalls(stack)).toBe(2);
  });

  it('returns a long 429 at once with Retry-After, without waiting', async () => {
    stack = await startStack({ env: FAST_RETRIES });
    stack.emulator.script({
      kind: 'rate-limit',
      retryDelaySeconds: 12,
      match: { method: 'generateContent' },
    });
    const result = await chat(stack);
    expect(result.status).toBe(429);
    expect(result.headers.get('retry-after')).toBe('12');
    expect(JSON.parse(result.text).error.type).toBe('rate_limit_error');
    expect(generateCalls(stack)).toBe(1);
  });

  it('answers 504 when the upstream never starts answering, and closes the upstream socket', async () => {
    stack = await startStack({
      env: { ...FAST_RETRIES, UPSTREAM_FIRST_BYTE_TIMEOUT_MS: '150', UPSTREAM_MAX_ATTEMPTS: '2' },
    });
    stack.emulator.script({ kind: 'hang', times: Infinity, match: { method: 'generateContent' } });
    const result = await chat(stack);
    expect(result.status).toBe(504);
    expect(JSON.parse(result.text).error.message).toContain('UPSTREAM_FIRST_BYTE_TIMEOUT_MS');
    expect(generateCalls(stack)).toBe(2);
    // Both hung upstream requests were aborted: no emulator socket is left holding one.
    expect(await waitFor(() => busyEmulatorSockets(stack) === 0)).toBe(true);
  });
});

describe('an upstream that accepts TCP but never completes the TLS handshake', () => {
  it('answers 504 naming UPSTREAM_CONNECT_TIMEOUT_MS after each attempt times out', async () => {
    const held: Socket[] = [];
    const silent = createNetServer((socket) => {
      held.push(socket); // reads the ClientHello, never answers it
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    const gateway = await startGateway({
      ...FAST_RETRIES,
      GEMINI_API_KEY: 'AIzaTestKeyConnectTimeout0000000000000001',
      GOOGLE_GEMINI_BASE_URL: `https://127.0.0.1:${port}`,
      UPSTREAM_CONNECT_TIMEOUT_MS: '200',
      UPSTREAM_MAX_ATTEMPTS: '2',
    });
    try {
      const started = Date.now();
      const response = await postJson(gateway, '/v1/chat/completions', HI);
      expect(response.status).toBe(504);
      expect(((await response.json()) as { error: { message: string } }).error.message).toBe(
        `Gemini API (127.0.0.1:${port}) did not accept a connection within 200 ms (UPSTREAM_CONNECT_TIMEOUT_MS). Check the network, firewalls and HTTPS_PROXY.`,
      );
      expect(held.length).toBe(2); // one connection per attempt
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await gateway.close();
      for (const socket of held) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});

describe('UPSTREAM_CONNECT_TIMEOUT_MS behind a proxy (HTTPS_PROXY)', () => {
  /** A TCP server that takes connections and never says a word. */
  async function silentServer() {
    const held: Socket[] = [];
    const server = createNetServer((socket) => held.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return {
      port: (server.address() as AddressInfo).port,
      held,
      close: async () => {
        for (const socket of held) socket.destroy();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      },
    };
  }

  async function chatThrough(env: Record<string, string>) {
    const gateway = await startGateway({
      ...FAST_RETRIES,
      GEMINI_API_KEY: 'AIzaTestKeyProxyTimeout00000000000000001',
      UPSTREAM_CONNECT_TIMEOUT_MS: '200',
      UPSTREAM_FIRST_BYTE_TIMEOUT_MS: '4000',
      UPSTREAM_MAX_ATTEMPTS: '1',
      ...env,
    });
    try {
      const started = Date.now();
      const response = await postJson(gateway, '/v1/chat/completions', HI);
      const { error } = (await response.json()) as { error: { message: string } };
      return { status: response.status, message: error.message, ms: Date.now() - started };
    } finally {
      await gateway.close();
    }
  }

  it('applies to the TLS handshake with Google through the tunnel', async () => {
    const google = await silentServer(); // the tunnel reaches it; its TLS never answers
    const proxy = await startTestProxy();
    try {
      const result = await chatThrough({
        HTTPS_PROXY: proxy.url,
        GOOGLE_GEMINI_BASE_URL: `https://127.0.0.1:${google.port}`,
      });
      expect(proxy.seen).toEqual([`CONNECT 127.0.0.1:${google.port}`]);
      expect(result.status).toBe(504);
      expect(result.message).toMatch(/did not accept a connection within 200 ms/);
      expect(result.ms).toBeLessThan(3_000);
    } finally {
      await proxy.close();
      await google.close();
    }
  });

  it('applies to a proxy that takes the connection but never answers CONNECT', async () => {
    const proxy = await silentServer();
    try {
      const result = await chatThrough({
        HTTPS_PROXY: `http://127.0.0.1:${proxy.port}`,
        GOOGLE_GEMINI_BASE_URL: 'https://127.0.0.1:9',
      });
      expect(proxy.held.length).toBe(1);
      expect(result.status).toBe(504);
      expect(result.message).toMatch(/did not accept a connection within 200 ms/);
      expect(result.ms).toBeLessThan(3_000);
    } finally {
      await proxy.close();
    }
  });
});
