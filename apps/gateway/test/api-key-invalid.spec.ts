import { createHash } from 'node:crypto';
import { startEmulator, type Emulator } from '@geminicli2api/emulator';
import { chat, FAST_RETRIES } from './support/resilience-helpers';
import { startGateway, type RunningGateway } from './support/start-gateway';
import type { Stack } from './support/start-stack';

const GOOD = 'AIzaGoodKey00000000000000000000000000001';
const REVOKED = 'AIzaRevokedKey000000000000000000000000002';
const fingerprint = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 8);

describe('GEMINI_API_KEY=good,revoked: Google 400 API_KEY_INVALID sets the key aside (issue 22 item 4)', () => {
  let emulator: Emulator;
  let gateway: RunningGateway;
  let stack: Stack;

  beforeEach(async () => {
    emulator = await startEmulator({ apiKeys: [GOOD], accounts: [] });
  });
  afterEach(async () => {
    await gateway.close();
    await emulator.close();
  });

  const start = async (keys: string[]) => {
    gateway = await startGateway({
      ...FAST_RETRIES,
      GEMINI_BACKEND: 'gemini-api',
      GEMINI_API_KEY: keys.join(','),
      GOOGLE_GEMINI_BASE_URL: emulator.url,
    });
    stack = {
      emulator,
      url: gateway.url,
      password: gateway.password,
      logs: gateway.logs,
      close: gateway.close,
    };
  };

  it('every request succeeds on the good key; /status shows the revoked one set aside by fingerprint', async () => {
    await start([GOOD, REVOKED]);
    for (let i = 0; i < 4; i++) expect((await chat(stack)).status).toBe(200);
    const revokedCalls = emulator.requests.filter(
      (request) => request.headers['x-goog-api-key'] === REVOKED,
    );
    expect(revokedCalls.length).toBe(1); // tried once, then set aside
    const { status, body } = await gateway.getJson('/status');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      apiKeys: [
        { id: 'api-key-1', fingerprint: fingerprint(GOOD), state: 'ready' },
        {
          id: 'api-key-2',
          label: `api-key-2 (sha256 ${fingerprint(REVOKED)})`,
          state: 'ineligible',
          problem: expect.stringMatching(/API key not valid/),
        },
      ],
    });
    const text = JSON.stringify(body) + gateway.logs();
    expect(text).not.toContain(GOOD);
    expect(text).not.toContain(REVOKED);
  });

  it('with only revoked keys: 503 "Google rejected the gateway\'s credentials", never a 400 that blames the client', async () => {
    await start([REVOKED]);
    const first = await chat(stack);
    expect(first.status).toBe(503);
    expect(JSON.parse(first.text).error.message).toMatch(
      /Google rejected the gateway's credentials: API key not valid/,
    );
    const second = await chat(stack);
    expect(second.status).toBe(503);
    expect(JSON.parse(second.text).error.message).toMatch(
      /Google refused every key in GEMINI_API_KEY/,
    );
  });
});
