import { chat, FAST_RETRIES, generateCalls, waitFor } from './support/resilience-helpers';
import { createTestGateway } from './support/start-gateway';
import { startStack, type Stack } from './support/start-stack';

async function metricsText(
  stack: Stack,
  password: string | null = stack.password,
): Promise<{ status: number; text: string }> {
  const response = await fetch(`${stack.url}/metrics`, {
    headers: password ? { authorization: `Bearer ${password}` } : {},
  });
  return { status: response.status, text: await response.text() };
}

function metricValue(text: string, pattern: RegExp): number {
  const line = text.split('\n').find((candidate) => pattern.test(candidate));
  return line ? Number(line.split(' ').at(-1)) : Number.NaN;
}

describe('concurrency limit and queue', () => {
  let stack: Stack;
  afterEach(async () => {
    await stack?.close();
  });

  it('queues up to UPSTREAM_QUEUE_SIZE and refuses the next at once with 429 and Retry-After', async () => {
    stack = await startStack({
      env: {
        ...FAST_RETRIES,
        UPSTREAM_MAX_CONCURRENCY: '1',
        UPSTREAM_QUEUE_SIZE: '1',
        UPSTREAM_QUEUE_RETRY_AFTER_SECONDS: '3',
      },
    });
    stack.emulator.script({
      kind: 'slow',
      firstByteDelayMs: 300,
      times: 2,
      match: { method: 'generateContent' },
    });
    const first = chat(stack, { content: 'first' });
    expect(await waitFor(() => generateCalls(stack) === 1)).toBe(true);
    const second = chat(stack, { content: 'second' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    const third = await chat(stack, { content: 'third' });
    expect(Date.now() - started).toBeLessThan(250); // refused, not parked
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toBe('3');
    expect(JSON.parse(third.text).error).toMatchObject({
      type: 'rate_limit_error',
      message: expect.stringMatching(/concurrent upstream requests/),
    });
    // The second request waited for the slot: the emulator never had two in flight.
    expect(generateCalls(stack)).toBe(1);
    expect((await first).status).toBe(200);
    expect((await second).status).toBe(200);
    expect(generateCalls(stack)).toBe(2);
  });

  it('drops a queued request whose client went away', async () => {
    stack = await startStack({
      env: { ...FAST_RETRIES, UPSTREAM_MAX_CONCURRENCY: '1', UPSTREAM_QUEUE_SIZE: '1' },
    });
    stack.emulator.script({
      kind: 'slow',
      firstByteDelayMs: 400,
      match: { method: 'generateContent' },
    });
    const queueDepth = async () =>
      metricValue((await metricsText(stack)).text, /^geminicli2api_upstream_queue_depth /);
    const first = chat(stack, { content: 'first' });
    expect(await waitFor(() => generateCalls(stack) === 1)).toBe(true);
    const controller = new AbortController();
    const queued = chat(stack, { content: 'queued', signal: controller.signal }).catch(
      () => 'aborted',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await queueDepth()).toBe(1);
    controller.abort();
    expect(await queued).toBe('aborted');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await queueDepth()).toBe(0);
    expect((await first).status).toBe(200);
    expect(generateCalls(stack)).toBe(1); // the abandoned request never reached the upstream
  });
});

describe('GET /metrics', () => {
  let stack: Stack;
  afterEach(async () => {
    await stack?.close();
  });

  it('needs the password by default', async () => {
    stack = await startStack({ env: FAST_RETRIES });
    const { status, text } = await metricsText(stack, null);
    expect(status).toBe(401);
    expect(JSON.parse(text).error.type).toBe('authentication_error');
  });

  it('can be opened with METRICS_REQUIRE_AUTH=false, or turned off', async () => {
    stack = await startStack({ env: { ...FAST_RETRIES, METRICS_REQUIRE_AUTH: 'false' } });
    expect((await metricsText(stack, null)).status).toBe(200);
    await stack.close();
    stack = await startStack({ env: { ...FAST_RETRIES, METRICS_ENABLED: 'false' } });
    expect((await metricsText(stack)).status).toBe(404);
  });

  it('counts nothing when turned off (no per-request cost for metrics nobody reads)', async () => {
    const { gateway } = await createTestGateway({ METRICS_ENABLED: 'false' });
    expect(gateway.metrics).toBeUndefined();
    await gateway.close();
  });

  it('counts requests, latency, upstream errors, retries, tokens and streams', async () => {
    stack = await startStack({ env: FAST_RETRIES });
    stack.emulator.script({
      kind: 'server-error',
      status: 503,
      match: { method: 'generateContent' },
    });
    expect((await chat(stack)).status).toBe(200);
    expect((await chat(stack, { stream: true })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const { status, text } = await metricsText(stack);
    expect(status).toBe(200);
    const requests = metricValue(
      text,
      /^geminicli2api_http_requests_total\{route="\/v1\/chat\/completions",method="POST",model="gemini-2.5-flash",status="200"\}/,
    );
    expect(requests).toBe(2);
    expect(
      metricValue(
        text,
        /^geminicli2api_http_request_duration_seconds_count\{route="\/v1\/chat\/completions",method="POST",stream="true"\}/,
      ),
    ).toBe(1);
    expect(
      metricValue(
        text,
        /^geminicli2api_upstream_errors_total\{upstream="Code Assist",kind="server-error"\}/,
      ),
    ).toBe(1);
    expect(
      metricValue(
        text,
        /^geminicli2api_upstream_retries_total\{upstream="Code Assist",kind="server-error"\}/,
      ),
    ).toBe(1);
    expect(
      metricValue(text, /^geminicli2api_tokens_total\{model="gemini-2.5-flash",type="prompt"\}/),
    ).toBeGreaterThan(0);
    expect(metricValue(text, /^geminicli2api_active_streams /)).toBe(0);
    expect(metricValue(text, /^geminicli2api_upstream_in_flight /)).toBe(0);
    expect(metricValue(text, /^geminicli2api_accounts\{state="ready"\}/)).toBe(1);
  });
});
