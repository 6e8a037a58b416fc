import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { startEmulator, type Emulator } from '@geminicli2api/emulator';
import { startGateway, type RunningGateway } from './support/start-gateway';
import { streamedChatText } from './support/start-stack';

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

    const text = await streamedChatText(client, 'gemini-2.5-pro', 'Stream from Vertex now');
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

/** A gateway on Vertex with a service-account key file; `registered`: the key Google knows. */
async function startServiceAccountStack(registered: 'the same key' | 'another key') {
  const email = 'gateway-test@vertex-project.iam.gserviceaccount.com';
  const newKey = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
  const { publicKey, privateKey } = newKey();
  const known = registered === 'the same key' ? publicKey : newKey().publicKey;
  const emulator = await startEmulator({
    accounts: [
      {
        refreshToken: 'service-account',
        email,
        serviceAccountPublicKey: known.export({ type: 'spki', format: 'pem' }).toString(),
      },
    ],
  });
  const keyFile = join(await mkdtemp(join(tmpdir(), 'sa-')), 'service-account.json');
  await writeFile(
    keyFile,
    JSON.stringify({
      type: 'service_account',
      project_id: 'vertex-project',
      private_key_id: 'key-1',
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      client_email: email,
      client_id: '1234567890',
      token_uri: 'https://oauth2.googleapis.com/token',
    }),
  );
  // google-auth-library exchanges the signed assertion at Google's fixed token URL: the
  // gateway's own fetch is pointed at the emulator for that one URL, and nothing else leaves.
  const tokenRequests: string[] = [];
  const redirect: typeof globalThis.fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.startsWith('https://')) return globalThis.fetch(input, init);
    tokenRequests.push(url);
    if (url !== 'https://oauth2.googleapis.com/token') throw new Error(`unexpected ${url}`);
    return globalThis.fetch(emulator.tokenUrl, init);
  };
  const gateway = await startGateway(
    {
      GOOGLE_GENAI_USE_VERTEXAI: 'true',
      GOOGLE_CLOUD_PROJECT: 'vertex-project',
      GOOGLE_CLOUD_LOCATION: 'us-central1',
      GOOGLE_APPLICATION_CREDENTIALS: keyFile,
      GOOGLE_VERTEX_BASE_URL: emulator.url,
    },
    undefined,
    redirect,
  );
  const client = new OpenAI({
    baseURL: `${gateway.url}/v1`,
    apiKey: gateway.password,
    maxRetries: 0,
  });
  return {
    emulator,
    gateway,
    tokenRequests,
    chat: (text: string) =>
      client.chat.completions.create({
        model: 'gemini-2.5-flash',
        messages: [{ role: 'user', content: text }],
      }),
    async close() {
      await gateway.close();
      await emulator.close();
    },
  };
}

describe('Vertex AI backend with a service-account key file', () => {
  it('signs in with the key (one JWT-bearer exchange) and answers with its token', async () => {
    const stack = await startServiceAccountStack('the same key');
    try {
      for (const text of ['first', 'second']) {
        const completion = await stack.chat(text);
        expect(completion.choices[0]?.message.content).toBe(`Echo: ${text}`);
      }
      expect(stack.tokenRequests).toEqual(['https://oauth2.googleapis.com/token']);
      const calls = stack.emulator.requests.filter((call) => call.path.includes('/publishers/'));
      expect(calls.map((call) => call.account)).toEqual(['service-account', 'service-account']);
      expect(stack.gateway.logs()).not.toContain('PRIVATE KEY');
    } finally {
      await stack.close();
    }
  });

  it("says Google refused the key, with Google's reason, when the key was deleted", async () => {
    const stack = await startServiceAccountStack('another key');
    try {
      const error = await stack.chat('hello').catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(OpenAI.APIError);
      expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(503);
      const { message } = error as Error;
      expect(message).toContain('Google refused the application default credentials');
      expect(message).toContain('invalid_grant: Invalid JWT Signature.');
      expect(message).not.toMatch(/set GOOGLE_APPLICATION_CREDENTIALS/);
    } finally {
      await stack.close();
    }
  });
});
