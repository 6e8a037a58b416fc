import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { startEmulator, type Emulator } from '@geminicli2api/emulator';
import { startGateway, type RunningGateway } from './support/start-gateway';

const ADC_REFRESH_TOKEN = 'adc-user-refresh-token';

describe('Vertex AI backend (GOOGLE_GENAI_USE_VERTEXAI) through the openai SDK', () => {
  let emulator: Emulator;
  let gateway: RunningGateway;
  let client: OpenAI;

  beforeAll(async () => {
    emulator = await startEmulator({
      accounts: [
        { refreshToken: ADC_REFRESH_TOKEN, clientId: 'adc-client', clientSecret: 'adc-secret' },
      ],
    });
    const adcFile = join(
      await mkdtemp(join(tmpdir(), 'adc-')),
      'application_default_credentials.json',
    );
    await writeFile(
      adcFile,
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
      GOOGLE_APPLICATION_CREDENTIALS: adcFile,
      GEMINI_OAUTH_TOKEN_URL: emulator.tokenUrl,
      GOOGLE_VERTEX_BASE_URL: emulator.url,
    });
    client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: gateway.password, maxRetries: 0 });
  });
  afterAll(async () => {
    await gateway.close();
    await emulator.close();
  });

  it('answers through publishers/google/models with an ADC bearer token, refreshed once', async () => {
    const completion = await client.chat.completions.create({
      model: 'gemini-2.5-flash',
      messages: [{ role: 'user', content: 'Hello Vertex' }],
    });
    expect(completion.choices[0]?.message.content).toBe('Echo: Hello Vertex');
    const upstream = emulator.requests.filter((request) => request.path.includes('/publishers/'));
    expect(upstream.at(-1)?.path).toBe(
      '/v1/projects/vertex-project/locations/europe-west4/publishers/google/models/gemini-2.5-flash:generateContent',
    );
    expect(upstream.at(-1)?.account).toBe(ADC_REFRESH_TOKEN);

    const stream = await client.chat.completions.create({
      model: 'gemini-2.5-pro',
      messages: [{ role: 'user', content: 'Stream from Vertex now' }],
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('Echo: Stream from Vertex now');
    expect(emulator.issuedAccessTokens(ADC_REFRESH_TOKEN)).toBe(1);
  });

  it('reports the vertex backend in /status without any token', async () => {
    const { status, body } = await gateway.getJson('/status');
    expect(status).toBe(200);
    expect(body).toMatchObject({ backend: 'vertex', accounts: [] });
    expect(gateway.logs()).not.toContain('adc-secret');
  });
});
