import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import { startEmulator, type Emulator } from '@geminicli2api/emulator';
import { startGateway, type RunningGateway } from './support/start-gateway';
import { startStack } from './support/start-stack';

const KEY = 'AIzaTestKeyOne000000000000000000000001';
const ADC_REFRESH_TOKEN = 'adc-user-refresh-token';

const tool = {
  name: 'lookup',
  input_schema: { type: 'object' as const, properties: { q: { type: 'string' } } },
};

/** A streamed Gemini 3 tool call, its result sent back, and a count: what an agent does. */
async function agentTurns(client: Anthropic): Promise<{ answer: string; tokens: number }> {
  const ask = 'Find it [[call lookup {"q":"x"}]]';
  const base = { model: 'gemini-3-flash-preview', max_tokens: 2000, tools: [tool] };
  const first = await client.messages
    .stream({ ...base, messages: [{ role: 'user', content: ask }] })
    .finalMessage();
  const call = first.content.find((block) => block.type === 'tool_use');
  if (call?.type !== 'tool_use') throw new Error(`no tool_use in ${JSON.stringify(first)}`);
  const second = await client.messages.create({
    ...base,
    messages: [
      { role: 'user', content: ask },
      { role: 'assistant', content: first.content },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: 'found' }] },
    ],
  });
  const text = second.content.find((block) => block.type === 'text');
  const count = await client.messages.countTokens({
    model: base.model,
    messages: [{ role: 'user', content: ask }],
  });
  return { answer: text?.type === 'text' ? text.text : '', tokens: count.input_tokens };
}

describe('/v1/messages on every backend', () => {
  let emulator: Emulator;
  let gateway: RunningGateway;
  afterEach(async () => {
    await gateway.close();
    await emulator.close();
  });

  it('Gemini API key backend', async () => {
    emulator = await startEmulator({ apiKeys: [KEY], accounts: [] });
    gateway = await startGateway({ GEMINI_API_KEY: KEY, GOOGLE_GEMINI_BASE_URL: emulator.url });
    const client = new Anthropic({ baseURL: gateway.url, apiKey: gateway.password, maxRetries: 0 });
    expect(await agentTurns(client)).toEqual({
      answer: 'Results: lookup={"output":"found"}',
      tokens: expect.any(Number),
    });
    expect(emulator.requests.map((request) => request.path)).toContain(
      '/v1beta/models/gemini-3-flash-preview:streamGenerateContent',
    );
  });

  it('Vertex AI backend', async () => {
    emulator = await startEmulator({
      accounts: [
        { refreshToken: ADC_REFRESH_TOKEN, clientId: 'adc-client', clientSecret: 'adc-secret' },
      ],
    });
    const adc = join(await mkdtemp(join(tmpdir(), 'adc-')), 'adc.json');
    await writeFile(
      adc,
      JSON.stringify({
        type: 'authorized_user',
        client_id: 'adc-client',
        client_secret: 'adc-secret',
        refresh_token: ADC_REFRESH_TOKEN,
      }),
    );
    gateway = await startGateway({
      GOOGLE_GENAI_USE_VERTEXAI: 'true',
      GOOGLE_CLOUD_PROJECT: 'vertex-project',
      GOOGLE_CLOUD_LOCATION: 'europe-west4',
      GOOGLE_APPLICATION_CREDENTIALS: adc,
      GEMINI_OAUTH_TOKEN_URL: emulator.tokenUrl,
      GOOGLE_VERTEX_BASE_URL: emulator.url,
    });
    const client = new Anthropic({ baseURL: gateway.url, apiKey: gateway.password, maxRetries: 0 });
    const { answer, tokens } = await agentTurns(client);
    expect(answer).toBe('Results: lookup={"output":"found"}');
    expect(tokens).toBeGreaterThan(0);
    expect(emulator.requests.some((request) => request.path.includes('/publishers/'))).toBe(true);
  });
});

describe('/v1/messages keepalive', () => {
  it('sends event: ping while the upstream is slow; the stream still ends with message_stop', async () => {
    const stack = await startStack({ env: { SSE_KEEPALIVE_INTERVAL_MS: '40' } });
    try {
      stack.emulator.script({
        kind: 'slow',
        chunkDelayMs: 150,
        match: { method: 'streamGenerateContent' },
      });
      const response = await fetch(`${stack.url}/v1/messages?beta=true`, {
        method: 'POST',
        headers: {
          'x-api-key': stack.password,
          'content-type': 'application/json',
          'anthropic-version': '2023-06-01',
          'anthropic-beta': 'interleaved-thinking-2025-05-14,context-management-2025-06-27',
        },
        body: JSON.stringify({
          model: 'gemini-2.5-flash',
          max_tokens: 100,
          stream: true,
          messages: [{ role: 'user', content: 'one two three four five' }],
        }),
      });
      const text = await response.text();
      expect(text).toContain('event: ping\ndata: {"type":"ping"}\n\n');
      expect(text.trim().endsWith('event: message_stop\ndata: {"type":"message_stop"}')).toBe(true);
    } finally {
      await stack.close();
    }
  });

  it('a silence that pings cover until the idle timeout ends in an event: error in Anthropic shape, not message_stop', async () => {
    const stack = await startStack({
      env: {
        SSE_KEEPALIVE_INTERVAL_MS: '40',
        UPSTREAM_IDLE_TIMEOUT_MS: '300',
        UPSTREAM_MAX_ATTEMPTS: '1',
      },
    });
    try {
      // Google's first event comes at once, then it goes quiet past the idle timeout.
      stack.emulator.script({
        kind: 'slow',
        chunkDelayMs: 2_000,
        match: { method: 'streamGenerateContent' },
      });
      const response = await fetch(`${stack.url}/v1/messages`, {
        method: 'POST',
        headers: { 'x-api-key': stack.password, 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'gemini-2.5-flash',
          max_tokens: 100,
          stream: true,
          messages: [{ role: 'user', content: 'hello' }],
        }),
      });
      expect(response.status).toBe(200);
      const frames = (await response.text()).trim().split('\n\n');
      expect(frames[0]).toMatch(/^event: message_start\n/);
      expect(frames).toContain('event: ping\ndata: {"type":"ping"}');
      expect(frames.join('\n')).not.toContain('event: message_stop');
      const last = frames.at(-1)?.split('\n') ?? [];
      expect(last[0]).toBe('event: error');
      expect(JSON.parse(last[1]?.slice('data: '.length) ?? 'null')).toEqual({
        type: 'error',
        error: { type: expect.stringMatching(/_error$/), message: expect.any(String) },
      });
    } finally {
      await stack.close();
    }
  });
});
