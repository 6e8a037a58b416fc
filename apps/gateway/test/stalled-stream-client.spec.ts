import { connect, Socket } from 'node:net';
import { once } from 'node:events';
import { busyEmulatorSockets, waitFor } from './support/resilience-helpers';
import { startStack, type Stack } from './support/start-stack';

const ANSWER_BYTES = 24 * 1024 * 1024;
const STALL_MS = 1500;

/** The gateway's own (server-side) sockets for connections to `port`, in this process. */
function gatewaySockets(port: number): Socket[] {
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  return handles.filter(
    (handle): handle is Socket =>
      handle instanceof Socket && !handle.destroyed && handle.localPort === port,
  );
}

/**
 * A client that asks for a long streamed answer and then stops reading (its socket paused, so
 * the kernel buffers fill). The gateway must stop pulling the answer from upstream instead of
 * buffering all of it, and drop the client after CLIENT_STALL_TIMEOUT_MS without a read.
 */
describe('a streaming client that stops reading', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      env: { CLIENT_STALL_TIMEOUT_MS: String(STALL_MS), SSE_KEEPALIVE_INTERVAL_MS: '0' },
      emulator: {
        streamChunkCount: 1500,
        // 1 KiB words: the emulator splits text into chunks at word boundaries.
        respond: () => ({ parts: [{ text: `${'x'.repeat(1023)} `.repeat(ANSWER_BYTES / 1024) }] }),
      },
    });
  });
  afterAll(() => stack.close());

  it.each([
    [
      'OpenAI SSE',
      '/v1/chat/completions',
      { model: 'gemini-2.5-flash', stream: true, messages: [{ role: 'user', content: 'hi' }] },
    ],
    [
      'Gemini SSE',
      '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
      { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] },
    ],
    [
      'Anthropic Messages',
      '/v1/messages',
      {
        model: 'gemini-2.5-flash',
        max_tokens: 1024,
        stream: true,
        messages: [{ role: 'user', content: 'hi' }],
      },
    ],
    [
      'OpenAI Responses',
      '/v1/responses',
      { model: 'gemini-2.5-flash', stream: true, store: false, input: 'hi' },
    ],
    [
      'Gemini JSON array',
      '/v1beta/models/gemini-2.5-flash:streamGenerateContent',
      { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] },
    ],
  ])(
    '%s: upstream reading pauses, and the client is dropped',
    async (_label, path, payload) => {
      const { port } = new URL(stack.url);
      const body = JSON.stringify(payload);
      const client = connect(Number(port), '127.0.0.1');
      await once(client, 'connect');
      client.write(
        `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${stack.password}\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
      const [first] = (await once(client, 'data')) as [Buffer];
      expect(first.toString('latin1')).toMatch(/^HTTP\/1\.1 200/);
      client.pause(); // reads nothing more: the kernel buffers fill, then the gateway's writes block
      const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
      client.on('error', () => undefined);

      // While stalled, the gateway holds at most a little of the answer, and upstream waits.
      let maxBuffered = 0;
      const started = Date.now();
      while (Date.now() - started < STALL_MS - 300) {
        for (const socket of gatewaySockets(Number(port)))
          maxBuffered = Math.max(maxBuffered, socket.writableLength);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(maxBuffered).toBeLessThan(2 * 1024 * 1024);
      expect(busyEmulatorSockets(stack)).toBe(1);

      // Then the client is dropped, and the upstream call with it.
      expect(await waitFor(() => gatewaySockets(Number(port)).length === 0, STALL_MS + 3000)).toBe(
        true,
      );
      expect(await waitFor(() => busyEmulatorSockets(stack) === 0, 3000)).toBe(true);
      expect(stack.logs()).toMatch(/dropped a streaming client that stopped reading/);
      client.resume();
      await closed;
    },
    20_000,
  );

  it('keeps a client that reads slowly, in bursts less than the timeout apart', async () => {
    const { port } = new URL(stack.url);
    const body = JSON.stringify({
      model: 'gemini-2.5-flash',
      stream: true,
      messages: [{ role: 'user', content: 'hi' }],
    });
    const client = connect(Number(port), '127.0.0.1');
    await once(client, 'connect');
    client.write(
      `POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n` +
        `Authorization: Bearer ${stack.password}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    let tail = '';
    client.on('data', (chunk: Buffer) => {
      tail = (tail + chunk.toString('latin1', Math.max(0, chunk.length - 32))).slice(-32);
    });
    const closed = once(client, 'close');
    // Read for 150 ms, then nothing for STALL_MS - 500 ms, until the answer ends.
    const bursts = setInterval(() => {
      client.resume();
      setTimeout(() => client.pause(), 150);
    }, STALL_MS - 350);
    await closed;
    clearInterval(bursts);
    expect(tail).toContain('data: [DONE]');
  }, 60_000);
});
