import { generateKeyPairSync } from 'node:crypto';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '@geminicli2api/emulator';
import { chat } from './support/resilience-helpers';
import { startGateway, type RunningGateway } from './support/start-gateway';
import type { Stack } from './support/start-stack';

const EMAIL = 'gateway-test@vertex-project.iam.gserviceaccount.com';

/** The gateway's fetch: loopback only; anything else (a real Google host) fails the test. */
const loopbackOnly: typeof globalThis.fetch = (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (url.hostname !== '127.0.0.1') throw new Error(`a test must not call ${url.origin}`);
  return globalThis.fetch(input, init);
};

async function keyFile(content: Record<string, unknown>): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'vertex-key-')), 'key.json');
  await writeFile(path, JSON.stringify(content));
  return path;
}

describe("Vertex: the key file's own token_uri is honoured, over real HTTP (issue 22 item 17)", () => {
  let emulator: Emulator;
  let gateway: RunningGateway | undefined;
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const serviceAccount = (extra: Record<string, unknown>) => ({
    type: 'service_account',
    project_id: 'vertex-project',
    private_key_id: 'key-1',
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    client_email: EMAIL,
    ...extra,
  });

  beforeAll(async () => {
    emulator = await startEmulator({
      accounts: [
        {
          refreshToken: 'service-account',
          email: EMAIL,
          serviceAccountPublicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        },
        { refreshToken: 'adc-user', clientId: 'adc-client', clientSecret: 'adc-secret' },
      ],
    });
  });
  afterEach(async () => {
    await gateway?.close();
    gateway = undefined;
  });
  afterAll(() => emulator.close());

  const start = async (file: string, env: Record<string, string> = {}): Promise<Stack> => {
    gateway = await startGateway(
      {
        GOOGLE_GENAI_USE_VERTEXAI: 'true',
        GOOGLE_CLOUD_PROJECT: 'vertex-project',
        GOOGLE_APPLICATION_CREDENTIALS: file,
        GOOGLE_VERTEX_BASE_URL: emulator.url,
        UPSTREAM_MAX_ATTEMPTS: '1',
        ...env,
      },
      undefined,
      loopbackOnly,
    );
    return { emulator, ...gateway, close: gateway.close };
  };
  const tokenCalls = () => emulator.requests.filter((request) => request.path === '/token').length;

  it("a service-account key's token_uri receives the JWT assertion", async () => {
    const before = tokenCalls();
    const stack = await start(await keyFile(serviceAccount({ token_uri: emulator.tokenUrl })));
    const answer = await chat(stack);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text).choices[0].message.content).toBe('Echo: hello');
    expect(tokenCalls()).toBe(before + 1);
  });

  it('a service-account key without token_uri uses GEMINI_OAUTH_TOKEN_URL', async () => {
    const stack = await start(await keyFile(serviceAccount({})), {
      GEMINI_OAUTH_TOKEN_URL: emulator.tokenUrl,
    });
    expect((await chat(stack)).status).toBe(200);
  });

  it("an authorized_user file's token_uri is honoured too", async () => {
    const file = await keyFile({
      type: 'authorized_user',
      client_id: 'adc-client',
      client_secret: 'adc-secret',
      refresh_token: 'adc-user',
      token_uri: emulator.tokenUrl,
    });
    expect((await chat(await start(file))).status).toBe(200);
  });

  it('an authorized_user file without token_uri uses GEMINI_OAUTH_TOKEN_URL', async () => {
    const before = tokenCalls();
    const file = await keyFile({
      type: 'authorized_user',
      client_id: 'adc-client',
      client_secret: 'adc-secret',
      refresh_token: 'adc-user',
    });
    const stack = await start(file, { GEMINI_OAUTH_TOKEN_URL: emulator.tokenUrl });
    expect((await chat(stack)).status).toBe(200);
    expect(tokenCalls()).toBe(before + 1);
  });

  it('a token_uri that never answers: 503 within UPSTREAM_ACCOUNT_TIMEOUT_MS naming the URL (issue 22 item 1)', async () => {
    const held: Socket[] = [];
    const silent = createServer((socket) => void held.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/token`;
    try {
      const stack = await start(await keyFile(serviceAccount({ token_uri: url })), {
        UPSTREAM_ACCOUNT_TIMEOUT_MS: '400',
      });
      const started = Date.now();
      const answer = await chat(stack);
      expect(Date.now() - started).toBeLessThan(4000);
      expect(answer.status).toBe(503);
      const { message } = JSON.parse(answer.text).error as { message: string };
      expect(message).toContain(url);
      expect(message).toMatch(/did not answer within 0\.4 s \(UPSTREAM_ACCOUNT_TIMEOUT_MS\)/);
    } finally {
      for (const socket of held) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it("other ADC (google-auth-library's own sign-in, e.g. an external_account file) whose endpoint never answers: 503 within UPSTREAM_ACCOUNT_TIMEOUT_MS", async () => {
    const held: Socket[] = [];
    const silent = createServer((socket) => void held.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      const file = await keyFile({
        type: 'external_account',
        audience:
          '//iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/providers/q',
        subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
        token_url: `${base}/sts`,
        credential_source: { url: `${base}/subject` },
      });
      const stack = await start(file, { UPSTREAM_ACCOUNT_TIMEOUT_MS: '400' });
      const started = Date.now();
      const answer = await chat(stack);
      expect(Date.now() - started).toBeLessThan(4000);
      expect(held.length).toBeGreaterThan(0); // the library did call the silent endpoint
      expect(answer.status).toBe(503);
      const { message } = JSON.parse(answer.text).error as { message: string };
      expect(message).toMatch(
        /Could not sign in to Vertex AI with the application default credentials: .*did not answer within 0\.4 s \(UPSTREAM_ACCOUNT_TIMEOUT_MS\)/,
      );
    } finally {
      for (const socket of held) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  }, 15_000);

  it('the sign-in error names the token URL that failed and why', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const url = `http://127.0.0.1:${port}/token`;
    const answer = await chat(await start(await keyFile(serviceAccount({ token_uri: url }))));
    expect(answer.status).toBe(503);
    const { message } = JSON.parse(answer.text).error as { message: string };
    expect(message).toContain(`the token endpoint ${url} could not be reached`);
    expect(message).toMatch(/ECONNREFUSED/);
  });
});
