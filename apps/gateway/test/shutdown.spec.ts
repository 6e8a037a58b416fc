import { startEmulator, type Emulator } from '@geminicli2api/emulator';
import { startServer, type RunningServer } from '../src/start-server';
import { createTestGateway } from './support/start-gateway';

const PASSWORD = 'shutdown-test-password';

async function start(emulator: Emulator, shutdownGraceMs: number): Promise<RunningServer> {
  const { gateway, logger } = await createTestGateway({
    GEMINI_AUTH_PASSWORD: PASSWORD,
    LOG_LEVEL: 'error',
    CODE_ASSIST_ENDPOINT: emulator.url,
    GEMINI_CREDENTIALS: JSON.stringify({
      refresh_token: 'demo-refresh-token',
      token_uri: emulator.tokenUrl,
      client_id: 'c',
      client_secret: 's',
    }),
    SSE_KEEPALIVE_INTERVAL_MS: '0',
  });
  return startServer({
    handle: gateway.handle,
    port: 0,
    host: '127.0.0.1',
    logger,
    shutdownGraceMs,
  });
}

function streamChat(port: number): Promise<string> {
  return fetch(`http://127.0.0.1:${port}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${PASSWORD}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'gemini-2.5-flash',
      stream: true,
      messages: [{ role: 'user', content: 'one two three four five six' }],
    }),
  }).then((response) => response.text());
}

describe('graceful shutdown', () => {
  let emulator: Emulator;
  afterEach(async () => {
    await emulator.close();
  });

  it('lets a running stream finish, refuses new connections, then resolves', async () => {
    emulator = await startEmulator({ chunkDelayMs: 150 });
    const running = await start(emulator, 5000);
    const answer = streamChat(running.port);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(running.inFlight).toBe(1);
    const stopped = running.shutdown();
    await expect(fetch(`http://127.0.0.1:${running.port}/health`)).rejects.toThrow();
    expect(await answer).toMatch(/data: \[DONE\]\n\n$/);
    expect(await stopped).toBe(true);
  });

  it('cuts streams still running at the deadline', async () => {
    emulator = await startEmulator({ chunkDelayMs: 2000 });
    const running = await start(emulator, 200);
    const answer = streamChat(running.port).catch(() => 'cut');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    expect(await running.shutdown()).toBe(false);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(await answer).not.toContain('[DONE]');
  });
});
