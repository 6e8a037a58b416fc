import {
  accessLines,
  busyEmulatorSockets,
  chat,
  FAST_RETRIES,
  generateCalls,
  sseData,
  waitFor,
} from './support/resilience-helpers';
import { startStack, type Stack } from './support/start-stack';

describe('streams under faults', () => {
  let stack: Stack;
  afterEach(async () => {
    await stack?.close();
  });

  it('retries a 503 while opening the stream, then streams normally', async () => {
    stack = await startStack({ env: FAST_RETRIES });
    stack.emulator.script({
      kind: 'server-error',
      status: 503,
      match: { method: 'streamGenerateContent' },
    });
    const result = await chat(stack, { stream: true });
    expect(result.status).toBe(200);
    expect(sseData(result.text).at(-1)).toBe('[DONE]');
    expect(generateCalls(stack)).toBe(2);
  });

  it('fails with a real HTTP status when the stream cannot be opened', async () => {
    stack = await startStack({ env: { ...FAST_RETRIES, UPSTREAM_MAX_ATTEMPTS: '1' } });
    stack.emulator.script({
      kind: 'server-error',
      status: 503,
      match: { method: 'streamGenerateContent' },
    });
    const result = await chat(stack, { stream: true });
    expect(result.status).toBe(503);
    expect(result.headers.get('content-type')).toContain('application/json');
    expect(JSON.parse(result.text).error.type).toBe('server_error');
  });

  it('after the first byte, a reset becomes an error event and a clean end, never a retry', async () => {
    stack = await startStack({ env: FAST_RETRIES });
    stack.emulator.script({
      kind: 'reset-mid-stream',
      afterEvents: 1,
      match: { method: 'streamGenerateContent' },
    });
    const result = await chat(stack, { stream: true, content: 'one two three four five six' });
    expect(result.status).toBe(200);
    const events = sseData(result.text);
    expect(events).not.toContain('[DONE]');
    expect(JSON.parse(events[0] ?? 'null').object).toBe('chat.completion.chunk');
    const last = JSON.parse(events.at(-1) ?? 'null');
    expect(last.error.message).toMatch(/lost in the middle of the answer/);
    expect(generateCalls(stack)).toBe(1);
  });

  it('an idle stream times out with an error event after the first byte', async () => {
    stack = await startStack({ env: { ...FAST_RETRIES, UPSTREAM_IDLE_TIMEOUT_MS: '150' } });
    stack.emulator.script({
      kind: 'slow',
      chunkDelayMs: 600,
      match: { method: 'streamGenerateContent' },
    });
    const result = await chat(stack, { stream: true, content: 'one two three four five six' });
    const events = sseData(result.text);
    expect(events).not.toContain('[DONE]');
    expect(JSON.parse(events.at(-1) ?? 'null').error.message).toContain('UPSTREAM_IDLE_TIMEOUT_MS');
    expect(await waitFor(() => busyEmulatorSockets(stack) === 0)).toBe(true);
  });

  it('sends `: keep-alive` comments while the upstream is slow, then the full answer', async () => {
    stack = await startStack({ env: { ...FAST_RETRIES, SSE_KEEPALIVE_INTERVAL_MS: '50' } });
    stack.emulator.script({
      kind: 'slow',
      chunkDelayMs: 300,
      match: { method: 'streamGenerateContent' },
    });
    const result = await chat(stack, { stream: true, content: 'one two three four five six' });
    expect(result.status).toBe(200);
    expect(result.text).toMatch(/^data: .*\n\n(: keep-alive\n\n)+data: /s);
    expect(sseData(result.text).at(-1)).toBe('[DONE]');
  });

  it('a failure after keepalives started the stream is an error event, not a hang', async () => {
    stack = await startStack({
      env: { ...FAST_RETRIES, SSE_KEEPALIVE_INTERVAL_MS: '30', UPSTREAM_IDLE_TIMEOUT_MS: '200' },
    });
    // Headers arrive at once, the first event never does.
    stack.emulator.script({
      kind: 'slow',
      chunkDelayMs: 1000,
      match: { method: 'streamGenerateContent' },
    });
    stack.emulator.script({
      kind: 'reset-mid-stream',
      afterEvents: 0,
      match: { method: 'streamGenerateContent' },
    });
    const result = await chat(stack, { stream: true });
    expect(result.status).toBe(200);
    expect(result.text).toContain(': keep-alive');
    expect(JSON.parse(sseData(result.text).at(-1) ?? 'null').error).toBeDefined();
  });

  it('a client disconnect aborts the upstream request at once (the emulator socket closes)', async () => {
    stack = await startStack({ env: FAST_RETRIES });
    stack.emulator.script({ kind: 'hang', match: { method: 'streamGenerateContent' } });
    const controller = new AbortController();
    const pending = chat(stack, { stream: true, signal: controller.signal }).catch(
      (error: unknown) => error,
    );
    expect(await waitFor(() => busyEmulatorSockets(stack) === 1)).toBe(true);
    controller.abort();
    await pending;
    expect(await waitFor(() => busyEmulatorSockets(stack) === 0, 1000)).toBe(true);
    expect(
      await waitFor(() =>
        accessLines(stack).some((line) => line['aborted'] === true && line['status'] === 499),
      ),
    ).toBe(true);
  });

  it('reports a stream that ended without a finish reason instead of passing it off as complete', async () => {
    stack = await startStack({ env: FAST_RETRIES });
    stack.emulator.script({ kind: 'no-finish-reason', match: { method: 'streamGenerateContent' } });
    const result = await chat(stack, { stream: true });
    const events = sseData(result.text);
    expect(events).not.toContain('[DONE]');
    expect(JSON.parse(events.at(-1) ?? 'null').error.message).toMatch(/finish reason/);
  });
});
