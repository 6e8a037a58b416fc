import {
  generateBody,
  getAccessToken,
  parseSseBody,
  postJson,
  readUntilEnd,
} from './__fixtures__/emulator-client';
import { DEMO_ACCOUNT } from './emulator-account';
import type { Emulator } from './emulator-options';
import { startEmulator } from './start-emulator';

const SSE = '/v1internal:streamGenerateContent?alt=sse';
const UNARY = '/v1internal:generateContent';
const longText = 'alpha beta gamma delta epsilon zeta eta theta';

describe('scripted faults', () => {
  let emulator: Emulator;
  let token: string;
  beforeEach(async () => {
    emulator = await startEmulator({
      accounts: [DEMO_ACCOUNT, { refreshToken: 'other', project: 'other-project' }],
      streamChunkCount: 4,
    });
    token = await getAccessToken(emulator);
  });
  afterEach(() => emulator.close());

  const stream = (signal?: AbortSignal) =>
    postJson(
      emulator,
      SSE,
      generateBody({ text: longText }),
      signal === undefined ? { token } : { token, signal },
    );

  it('status: answers the given status, body and headers once', async () => {
    emulator.script({
      kind: 'status',
      status: 418,
      body: { teapot: true },
      headers: { 'x-fault': 'yes' },
    });
    const faulted = await postJson(emulator, UNARY, generateBody(), { token });
    expect(faulted.status).toBe(418);
    expect(faulted.headers.get('x-fault')).toBe('yes');
    expect(await faulted.json()).toEqual({ teapot: true });
    expect((await postJson(emulator, UNARY, generateBody(), { token })).status).toBe(200);
  });

  it('status: defaults to a Google error body, array-wrapped on streams', async () => {
    emulator.script({ kind: 'status', status: 400 });
    emulator.script({ kind: 'status', status: 403, arrayWrapped: false });
    const wrapped = await stream();
    expect(await wrapped.json()).toEqual([
      {
        error: {
          code: 400,
          message: 'Request contains an invalid argument.',
          status: 'INVALID_ARGUMENT',
        },
      },
    ]);
    const plain = await stream();
    expect(await plain.json()).toEqual({
      error: {
        code: 403,
        message: 'The caller does not have permission',
        status: 'PERMISSION_DENIED',
      },
    });
  });

  it('rate-limit: 429 RESOURCE_EXHAUSTED with cloudcode ErrorInfo and RetryInfo', async () => {
    emulator.script({
      kind: 'rate-limit',
      retryDelaySeconds: 12,
      match: { method: 'streamGenerateContent' },
    });
    const response = await stream();
    expect(response.status).toBe(429);
    expect(await response.json()).toEqual([
      {
        error: {
          code: 429,
          message:
            'You have exhausted your capacity on this model. Your quota will reset after 12s.',
          status: 'RESOURCE_EXHAUSTED',
          details: [
            {
              '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
              reason: 'RATE_LIMIT_EXCEEDED',
              domain: 'cloudcode-pa.googleapis.com',
              metadata: {
                uiMessage: 'true',
                model: 'gemini-2.5-flash',
                quotaResetDelay: '12s',
                quotaResetTimeStamp: expect.stringMatching(/Z$/),
              },
            },
            { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '12s' },
          ],
        },
      },
    ]);
  });

  it.each([['QUOTA_EXHAUSTED'], ['MODEL_CAPACITY_EXHAUSTED']] as const)(
    'rate-limit: reason %s on a unary call is not wrapped',
    async (reason) => {
      emulator.script({ kind: 'rate-limit', retryDelaySeconds: 600, reason });
      const response = await postJson(emulator, UNARY, generateBody(), { token });
      const body = (await response.json()) as {
        error: { details: { reason?: string; retryDelay?: string }[] };
      };
      expect(body.error.details[0]?.reason).toBe(reason);
      expect(body.error.details[1]?.retryDelay).toBe('600s');
    },
  );

  it.each([
    [undefined, 503, 'UNAVAILABLE'],
    [500, 500, 'INTERNAL'],
    [504, 504, 'DEADLINE_EXCEEDED'],
  ] as const)('server-error %s → %d %s', async (status, code, googleStatus) => {
    emulator.script(
      status === undefined ? { kind: 'server-error' } : { kind: 'server-error', status },
    );
    const response = await postJson(emulator, UNARY, generateBody(), { token });
    expect(response.status).toBe(code);
    expect(((await response.json()) as { error: { status: string } }).error.status).toBe(
      googleStatus,
    );
  });

  it('reset-mid-stream: the client sees an error after N events', async () => {
    emulator.script({ kind: 'reset-mid-stream', afterEvents: 2 });
    const response = await stream();
    expect(response.status).toBe(200);
    const { text, error } = await readUntilEnd(response);
    expect(error).toBeDefined();
    expect(parseSseBody(text)).toHaveLength(2);
  });

  it('reset-before-response: the request fails without an answer', async () => {
    emulator.script({ kind: 'reset-before-response', match: { method: 'loadCodeAssist' } });
    await expect(postJson(emulator, '/v1internal:loadCodeAssist', {}, { token })).rejects.toThrow(
      'fetch failed',
    );
    expect((await postJson(emulator, '/v1internal:loadCodeAssist', {}, { token })).status).toBe(
      200,
    );
  });

  it('slow: delays the first byte and spaces the events', async () => {
    emulator.script({ kind: 'slow', firstByteDelayMs: 150, chunkDelayMs: 60 });
    const started = Date.now();
    const response = await stream();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    const reader = response.body?.getReader();
    const arrivals: number[] = [];
    for (;;) {
      const chunk = await reader?.read();
      if (chunk === undefined || chunk.done) break;
      arrivals.push(Date.now());
    }
    expect(arrivals.length).toBeGreaterThanOrEqual(3);
    expect((arrivals.at(-1) ?? 0) - (arrivals[0] ?? 0)).toBeGreaterThanOrEqual(
      (arrivals.length - 1) * 50,
    );
  });

  it('hang: never answers; a client abort ends it and the emulator stays healthy', async () => {
    emulator.script({ kind: 'hang' });
    const controller = new AbortController();
    const pending = stream(controller.signal);
    await new Promise((resolve) => setTimeout(resolve, 100));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    const next = await stream();
    expect(parseSseBody(await next.text()).length).toBeGreaterThan(0);
    const started = Date.now();
    await emulator.close();
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('error-event: streams N events, then a data: {"error"} event, then ends cleanly', async () => {
    emulator.script({ kind: 'error-event', afterEvents: 1, status: 503 });
    const raw = await (await stream()).text();
    expect(raw.endsWith('\r\n\r\n')).toBe(true);
    const events = parseSseBody(raw);
    expect(events).toHaveLength(2);
    expect(events[1]).toEqual({
      error: { code: 503, message: 'The service is currently unavailable.', status: 'UNAVAILABLE' },
    });
  });

  it('error-event: appends the error object to a JSON-array stream', async () => {
    emulator.script({ kind: 'error-event', afterEvents: 2 });
    const events = (await (
      await postJson(
        emulator,
        '/v1internal:streamGenerateContent',
        generateBody({ text: longText }),
        { token },
      )
    ).json()) as unknown[];
    expect(events).toHaveLength(3);
    expect(events[2]).toEqual({
      error: { code: 500, message: 'Internal error encountered.', status: 'INTERNAL' },
    });
  });

  it('no-finish-reason: the stream ends cleanly with no finishReason anywhere', async () => {
    emulator.script({ kind: 'no-finish-reason' });
    const raw = await (await stream()).text();
    expect(raw).not.toContain('finishReason');
    expect(parseSseBody(raw).length).toBeGreaterThan(1);
    expect(raw).toContain('"totalTokenCount"');
  });

  it('raw: answers the given bytes with the given status and content type, on the token endpoint too', async () => {
    emulator.script({ kind: 'raw', body: '<html>portal</html>', match: { method: 'token' } });
    const token = await fetch(emulator.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=refresh_token&refresh_token=demo-refresh-token',
    });
    expect(token.status).toBe(200);
    expect(token.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await token.text()).toBe('<html>portal</html>');
    emulator.script({ kind: 'raw', body: '', status: 202, contentType: 'text/event-stream' });
    const empty = await stream();
    expect(empty.status).toBe(202);
    expect(await empty.text()).toBe('');
  });

  it('matches on method, model and account, FIFO among matches', async () => {
    const otherToken = await getAccessToken(emulator, 'other');
    emulator.script({ kind: 'status', status: 503, match: { account: 'other' } });
    emulator.script({ kind: 'status', status: 502, match: { model: 'gemini-2.5-pro' } });
    emulator.script({
      kind: 'status',
      status: 501,
      match: { method: 'generateContent' },
      times: 2,
    });
    emulator.script({ kind: 'status', status: 500, match: { method: 'generateContent' } });
    const statuses: number[] = [];
    for (const model of [
      'gemini-2.5-pro',
      'gemini-2.5-flash',
      'gemini-2.5-flash',
      'gemini-2.5-flash',
      'gemini-2.5-flash',
    ]) {
      statuses.push((await postJson(emulator, UNARY, generateBody({ model }), { token })).status);
    }
    expect(statuses).toEqual([502, 501, 501, 500, 200]);
    expect((await postJson(emulator, UNARY, generateBody(), { token: otherToken })).status).toBe(
      503,
    );
  });

  it('does not consume faults for unauthenticated calls', async () => {
    emulator.script({ kind: 'status', status: 500 });
    expect((await postJson(emulator, UNARY, generateBody(), { token: 'nope' })).status).toBe(401);
    expect((await postJson(emulator, UNARY, generateBody(), { token })).status).toBe(500);
  });

  it('clearScript drops queued faults', async () => {
    emulator.script({ kind: 'status', status: 500, times: Infinity });
    emulator.clearScript();
    expect((await postJson(emulator, UNARY, generateBody(), { token })).status).toBe(200);
  });

  it('targets the token endpoint with OAuth-shaped errors', async () => {
    emulator.script({
      kind: 'server-error',
      match: { method: 'token', account: 'demo-refresh-token' },
    });
    const response = await fetch(emulator.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=refresh_token&refresh_token=demo-refresh-token',
    });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      error: 'internal_failure',
      error_description: 'Backend Error',
    });
    expect(emulator.issuedAccessTokens('demo-refresh-token')).toBe(1);
  });
});

describe('latency options', () => {
  it('waits latencyMs before answering v1internal calls and chunkDelayMs between events', async () => {
    const emulator = await startEmulator({ latencyMs: 120, chunkDelayMs: 50, streamChunkCount: 3 });
    try {
      const token = await getAccessToken(emulator);
      const started = Date.now();
      const response = await postJson(emulator, SSE, generateBody({ text: longText }), { token });
      expect(Date.now() - started).toBeGreaterThanOrEqual(110);
      await response.text();
      expect(Date.now() - started).toBeGreaterThanOrEqual(110 + 2 * 45);
    } finally {
      await emulator.close();
    }
  });
});
