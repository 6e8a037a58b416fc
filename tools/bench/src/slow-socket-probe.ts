import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import type { Service } from './services';

/** What a slow-socket run saw. */
export interface SlowSocketResult {
  clients: number;
  /** Size of the answer each client asked for and stopped reading. */
  answerBytes: number;
  stallTimeoutMs: number;
  rssBeforeBytes: number | undefined;
  rssPeakBytes: number | undefined;
  /** Clients whose stream the gateway cut (no `[DONE]`) once they had stalled. */
  dropped: number;
  /** `/health` answer time while every client was stalled. */
  healthMsWhileStalled: number;
}

/** Options of {@link runSlowSockets}. */
export interface SlowSocketOptions {
  gateway: Pick<Service, 'url' | 'rss'>;
  password: string;
  clients: number;
  answerBytes: number;
  /** The gateway's CLIENT_STALL_TIMEOUT_MS. */
  stallTimeoutMs: number;
}

/**
 * Opens `clients` streamed chats whose answers (the emulator echoes the prompt) are
 * `answerBytes` long, stops reading each after its first bytes, samples the gateway's RSS while
 * they stall, times a `/health` call, then reads what is left: a client the gateway dropped has
 * no `[DONE]`. Loopback only; every socket is closed at the end.
 */
export async function runSlowSockets({
  gateway,
  password,
  clients,
  answerBytes,
  stallTimeoutMs,
}: SlowSocketOptions): Promise<SlowSocketResult> {
  const { hostname, port } = new URL(gateway.url);
  if (hostname !== '127.0.0.1') throw new Error('slow sockets only against 127.0.0.1');
  const prompt = `${'y'.repeat(1023)} `.repeat(Math.ceil(answerBytes / 1024));
  const body = JSON.stringify({
    model: 'gemini-2.5-flash',
    stream: true,
    messages: [{ role: 'user', content: prompt }],
  });
  const rssBeforeBytes = gateway.rss();
  let rssPeakBytes = rssBeforeBytes;
  const sockets: { socket: Socket; tail: { text: string } }[] = [];
  for (let i = 0; i < clients; i++) {
    const socket = connect(Number(port), hostname);
    await once(socket, 'connect');
    const tail = { text: '' }; // the last bytes read: `[DONE]` ends a complete answer
    socket.on('data', (chunk: Buffer) => {
      tail.text = (tail.text + chunk.toString('latin1', Math.max(0, chunk.length - 64))).slice(-64);
    });
    socket.on('error', () => undefined);
    socket.write(
      `POST /v1/chat/completions HTTP/1.1\r\nHost: ${hostname}\r\nAuthorization: Bearer ${password}\r\n` +
        `Connection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    await once(socket, 'data');
    socket.pause(); // stops reading: the kernel buffers fill, then the gateway's writes block
    sockets.push({ socket, tail });
  }
  const healthStarted = performance.now();
  await (await fetch(`${gateway.url}/health`)).arrayBuffer();
  const healthMsWhileStalled = performance.now() - healthStarted;
  const until = performance.now() + stallTimeoutMs + 1500;
  while (performance.now() < until) {
    const rss = gateway.rss();
    if (rss !== undefined) rssPeakBytes = Math.max(rssPeakBytes ?? 0, rss);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const dropped = await Promise.all(
    sockets.map(async ({ socket, tail }) => {
      const closed = once(socket, 'close');
      socket.resume();
      const finished = await Promise.race([
        closed.then(() => true),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 10_000)),
      ]);
      socket.destroy();
      return finished && !tail.text.includes('[DONE]');
    }),
  );
  return {
    clients,
    answerBytes,
    stallTimeoutMs,
    rssBeforeBytes,
    rssPeakBytes,
    dropped: dropped.filter(Boolean).length,
    healthMsWhileStalled,
  };
}
