import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { startEmulator, type Emulator } from '@geminicli2api/emulator';
import OpenAI, { NotFoundError } from 'openai';
import {
  createGateway,
  createLogger,
  loadConfig,
  MemoryResponseStore,
  SecretRegistry,
  type ResponseStore,
} from '../src';
import { demoCredentials, startOpenAIStack } from './support/start-stack';

/** A gateway using `store` for responses, listening on loopback; returns a client and a closer. */
async function gatewayWith(emulator: Emulator, store: ResponseStore) {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    GEMINI_AUTH_PASSWORD: 'replica-password-1',
    LOG_LEVEL: 'error',
    GEMINI_QUOTA_REFRESH_MS: '0',
    CODE_ASSIST_ENDPOINT: emulator.url,
    GEMINI_CREDENTIALS: demoCredentials(emulator),
  });
  const secrets = new SecretRegistry();
  const logger = createLogger({ level: 'error', secrets });
  const gateway = await createGateway({
    config,
    logger,
    secrets,
    defaultMetrics: false,
    responseStore: store,
  });
  const server = createServer(gateway.handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const client = new OpenAI({
    baseURL: `http://127.0.0.1:${port}/v1`,
    apiKey: gateway.password,
    maxRetries: 0,
  });
  return {
    client,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await gateway.close();
    },
  };
}

describe('the response store behind store and previous_response_id', () => {
  it('is injectable: two replicas sharing one store continue each other’s responses', async () => {
    const emulator = await startEmulator();
    const shared = new MemoryResponseStore({ maxEntries: 100, ttlMs: 60_000 });
    const [a, b] = [await gatewayWith(emulator, shared), await gatewayWith(emulator, shared)];
    try {
      const first = await a.client.responses.create({ model: 'gemini-2.5-flash', input: 'Hi A' });
      const second = await b.client.responses.create({
        model: 'gemini-2.5-flash',
        previous_response_id: first.id,
        input: 'Hi B',
      });
      expect(second.output_text).toBe('Echo: Hi B');
      expect((await b.client.responses.retrieve(first.id)).id).toBe(first.id);
      expect(shared.size).toBe(2);
    } finally {
      await a.close();
      await b.close();
      await emulator.close();
    }
  });

  it('serves a gzip-compressed body through the express path, and input_tokens there too', async () => {
    const { stack } = await startOpenAIStack();
    try {
      const post = (path: string, body: unknown) =>
        fetch(`${stack.url}${path}`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${stack.password}`,
            'content-type': 'application/json',
            'content-encoding': 'gzip',
          },
          body: gzipSync(JSON.stringify(body)),
        });
      const created = await post('/v1/responses', { model: 'gemini-2.5-flash', input: 'zipped' });
      expect(created.status).toBe(200);
      expect(await created.json()).toMatchObject({
        output: [{ content: [{ text: 'Echo: zipped' }] }],
      });
      const counted = await post('/v1/responses/input_tokens', {
        model: 'gemini-2.5-flash',
        input: 'zipped',
      });
      expect(await counted.json()).toMatchObject({ object: 'response.input_tokens' });
    } finally {
      await stack.close();
    }
  });

  it('keeps nothing with RESPONSES_STORE_MAX_ENTRIES=0: a later id is a 404', async () => {
    const { stack, client } = await startOpenAIStack({
      env: { RESPONSES_STORE_MAX_ENTRIES: '0' },
    });
    try {
      const first = await client.responses.create({ model: 'gemini-2.5-flash', input: 'x' });
      await expect(client.responses.retrieve(first.id)).rejects.toBeInstanceOf(NotFoundError);
    } finally {
      await stack.close();
    }
  });
});
