import { Socket } from 'node:net';
import type { Stack } from './start-stack';

/** Small, fast retry settings so fault tests do not wait real backoff times. */
export const FAST_RETRIES = {
  UPSTREAM_RETRY_BASE_DELAY_MS: '5',
  UPSTREAM_RETRY_MAX_DELAY_MS: '20',
  SSE_KEEPALIVE_INTERVAL_MS: '0',
};

/** POSTs a chat completion to the stack; returns status, headers and the raw text. */
export async function chat(
  stack: Stack,
  {
    stream = false,
    signal,
    content = 'hello',
  }: { stream?: boolean; signal?: AbortSignal; content?: string } = {},
): Promise<{ status: number; headers: Headers; text: string }> {
  const response = await fetch(`${stack.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${stack.password}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'gemini-2.5-flash',
      stream,
      messages: [{ role: 'user', content }],
    }),
    ...(signal ? { signal } : {}),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** The generate calls the emulator received (streamed or not). */
export function generateCalls(stack: Stack): number {
  return stack.emulator.requests.filter(
    (request) =>
      request.path.includes('GenerateContent') || request.path.includes('generateContent'),
  ).length;
}

/**
 * Server-side emulator sockets still serving a request (in-process handle inspection; Node
 * attaches the in-progress response to its socket and detaches it when it ends or the peer
 * closes). Idle keep-alive sockets do not count.
 */
export function busyEmulatorSockets(stack: Stack): number {
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  return handles.filter(
    (handle) =>
      handle instanceof Socket &&
      !handle.destroyed &&
      handle.localPort === stack.emulator.port &&
      (handle as Socket & { _httpMessage?: unknown })._httpMessage != null,
  ).length;
}

/** Polls `condition` until it holds or `timeoutMs` passes. */
export async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return condition();
}

/** The `data:` payloads of an SSE body. */
export function sseData(text: string): string[] {
  return text.split(/\r?\n\r?\n/).flatMap((event) =>
    event
      .split(/\r?\n/)
      .filter((line) => line.startsWith('data: '))
      .map((line) => line.slice(6)),
  );
}

/** The parsed access-log lines (`message: "request"`) the gateway wrote so far. */
export function accessLines(stack: Stack): Record<string, unknown>[] {
  return stack
    .logs()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line['message'] === 'request');
}
