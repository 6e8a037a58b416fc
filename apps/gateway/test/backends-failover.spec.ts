import OpenAI, { RateLimitError } from 'openai';
import { startEmulator, type Emulator } from '@geminicli2api/emulator';
import { writeAccountDir } from './support/account-files';
import { startGateway, type RunningGateway } from './support/start-gateway';
import { streamedChatText } from './support/start-stack';

const KEY = 'AIzaFailoverKey0000000000000000000000001';

describe('failover from Code Assist to a Gemini API key (GEMINI_FAILOVER_TO_API_KEY)', () => {
  let emulator: Emulator;
  const gateways: RunningGateway[] = [];

  beforeAll(async () => {
    emulator = await startEmulator({
      apiKeys: [KEY],
      accounts: [
        { refreshToken: 'exhausted-account', project: 'p-exhausted', quotaExhausted: true },
      ],
    });
  });
  afterAll(async () => {
    await Promise.all(gateways.map((gateway) => gateway.close()));
    await emulator.close();
  });

  async function gatewayWith(failover: boolean): Promise<OpenAI> {
    const dir = await writeAccountDir(emulator.tokenUrl, ['exhausted-account']);
    const gateway = await startGateway({
      GEMINI_CREDENTIALS_DIR: dir,
      CODE_ASSIST_ENDPOINT: emulator.url,
      GEMINI_API_KEY: KEY,
      GOOGLE_GEMINI_BASE_URL: emulator.url,
      GEMINI_BACKEND: 'code-assist',
      GEMINI_FAILOVER_TO_API_KEY: String(failover),
    });
    gateways.push(gateway);
    return new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: gateway.password, maxRetries: 0 });
  }

  it('answers from the API key when every Code Assist account is out of quota', async () => {
    const client = await gatewayWith(true);
    emulator.clearRequests();
    const completion = await client.chat.completions.create({
      model: 'gemini-2.5-flash',
      messages: [{ role: 'user', content: 'fail over please' }],
    });
    expect(completion.choices[0]?.message.content).toBe('Echo: fail over please');
    const paths = emulator.requests.map((request) => request.path);
    expect(paths).toContain('/v1beta/models/gemini-2.5-flash:generateContent');
    expect(
      emulator.requests.find((request) => request.path.startsWith('/v1beta/'))?.headers[
        'x-goog-api-key'
      ],
    ).toBe(KEY);
  });

  it('also fails over a stream before any byte reached the client', async () => {
    const client = await gatewayWith(true);
    const text = await streamedChatText(client, 'gemini-2.5-flash', 'stream after failover');
    expect(text).toBe('Echo: stream after failover');
  });

  it('without the flag, the client sees the quota error instead', async () => {
    const client = await gatewayWith(false);
    const error = await client.chat.completions
      .create({ model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'no failover' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
  });
  it('sends embeddings to the API key, which Code Assist cannot serve (the 501 says to do this)', async () => {
    const client = await gatewayWith(true);
    emulator.clearRequests();
    const result = await client.embeddings.create({
      model: 'gemini-embedding-001',
      input: ['one', 'two'],
      dimensions: 8,
    });
    expect(result.data.map((entry) => entry.embedding.length)).toEqual([8, 8]);
    const batch = emulator.requests.find((request) => request.path.endsWith(':batchEmbedContents'));
    expect(batch?.headers['x-goog-api-key']).toBe(KEY);
  });
});
