import OpenAI, { RateLimitError } from 'openai';
import { startEmulator, type Emulator } from '@geminicli2api/emulator';
import { startGateway, type RunningGateway } from './support/start-gateway';
import { streamedChatText } from './support/start-stack';

const KEYS = ['AIzaTestKeyOne000000000000000000000001', 'AIzaTestKeyTwo000000000000000000000002'];

describe('Gemini API backend (GEMINI_API_KEY) through the openai SDK', () => {
  let emulator: Emulator;
  let gateway: RunningGateway;
  let client: OpenAI;

  beforeAll(async () => {
    emulator = await startEmulator({ apiKeys: KEYS, accounts: [] });
    gateway = await startGateway({
      GEMINI_API_KEY: KEYS.join(','),
      GOOGLE_GEMINI_BASE_URL: emulator.url,
    });
    client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: gateway.password, maxRetries: 0 });
  });
  afterEach(() => emulator.clearScript());
  afterAll(async () => {
    await gateway.close();
    await emulator.close();
  });

  it('answers a chat from /v1beta/models/{m}:generateContent with the key header and the bare request', async () => {
    emulator.clearRequests();
    const completion = await client.chat.completions.create({
      model: 'gemini-2.5-flash',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello key' },
      ],
    });
    expect(completion.choices[0]?.message.content).toBe('Echo: Hello key');
    const upstream = emulator.requests.at(-1);
    expect(upstream?.path).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
    expect(KEYS).toContain(upstream?.headers['x-goog-api-key']);
    expect(upstream?.body).toMatchObject({ systemInstruction: { parts: [{ text: 'Be brief.' }] } });
    expect(upstream?.body).not.toHaveProperty('project');
  });

  it('answers methods it does not serve with 501, without blaming Code Assist', async () => {
    const answer = await fetch(
      `${gateway.url}/v1beta/models/gemini-2.5-flash:batchGenerateContent`,
      {
        method: 'POST',
        headers: { 'x-goog-api-key': gateway.password, 'content-type': 'application/json' },
        body: JSON.stringify({ batch: {} }),
      },
    );
    expect(answer.status).toBe(501);
    const { error } = (await answer.json()) as { error: { message: string } };
    expect(error.message).toBe(
      'batchGenerateContent is not available through this gateway: it serves generateContent, streamGenerateContent and countTokens on every backend, and embedContent and batchEmbedContents on the Gemini API and Vertex AI backends.',
    );
  });

  it('streams over SSE', async () => {
    const text = await streamedChatText(
      client,
      'gemini-2.5-pro',
      'Stream a few words for me please',
    );
    expect(text).toBe('Echo: Stream a few words for me please');
    expect(emulator.requests.at(-1)?.query).toMatchObject({ alt: 'sse' });
  });

  it('rotates keys round-robin and moves a rate-limited request to the other key', async () => {
    emulator.clearRequests();
    await client.chat.completions.create({
      model: 'gemini-2.5-flash',
      messages: [{ role: 'user', content: 'a' }],
    });
    await client.chat.completions.create({
      model: 'gemini-2.5-flash',
      messages: [{ role: 'user', content: 'b' }],
    });
    const used = emulator.requests.map((request) => request.headers['x-goog-api-key']);
    expect(new Set(used)).toEqual(new Set(KEYS));

    emulator.clearRequests();
    emulator.script({
      kind: 'rate-limit',
      retryDelaySeconds: 30,
      match: { method: 'generateContent' },
    });
    const completion = await client.chat.completions.create({
      model: 'gemini-2.5-pro',
      messages: [{ role: 'user', content: 'rotate' }],
    });
    expect(completion.choices[0]?.message.content).toBe('Echo: rotate');
    const [first, second] = emulator.requests.map((request) => request.headers['x-goog-api-key']);
    expect(first).not.toBe(second);
  });

  it('answers 429 once every key is rate-limited, and never echoes a key', async () => {
    emulator.script({
      kind: 'rate-limit',
      retryDelaySeconds: 40,
      times: 2,
      match: { method: 'generateContent', model: 'gemini-2.5-flash-lite' },
    });
    const error = await client.chat.completions
      .create({ model: 'gemini-2.5-flash-lite', messages: [{ role: 'user', content: 'x' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    for (const key of KEYS) {
      expect(JSON.stringify((error as RateLimitError).error)).not.toContain(key);
      expect(gateway.logs()).not.toContain(key);
    }
  });

  it("the gateway's own 429 while every key cools down carries Retry-After and says when (issue 22 item 9)", async () => {
    emulator.script({
      kind: 'rate-limit',
      retryDelaySeconds: 40,
      times: 2,
      match: { method: 'generateContent', model: 'gemini-2.0-flash' },
    });
    const ask = () =>
      fetch(`${gateway.url}/v1/chat/completions`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${gateway.password}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          model: 'gemini-2.0-flash',
          messages: [{ role: 'user', content: 'x' }],
        }),
      });
    expect((await ask()).status).toBe(429); // Google's, relayed: both keys now cool down
    const calls = emulator.requests.length;
    const cooled = await ask();
    expect(cooled.status).toBe(429);
    const seconds = Number(cooled.headers.get('retry-after'));
    expect(seconds).toBeGreaterThan(30);
    expect(seconds).toBeLessThanOrEqual(40);
    const { error } = (await cooled.json()) as { error: { message: string } };
    expect(error.message).toBe(
      `Every Gemini API key is rate-limited for gemini-2.0-flash; retry in ${seconds}s.`,
    );
    expect(emulator.requests.length).toBe(calls);
  });
});
