import { startEmulator, type Emulator } from '@geminicli2api/emulator';
import { admin, createKey } from '../test/support/admin-client';
import { startGatewayProcess, type GatewayProcess } from '../test/support/gateway-process';
import { freshPostgresDatabase, freshRedisUrl } from '../test/support/services';
import { demoCredentials, postJson } from '../test/support/start-stack';

const PASSWORD = 'replica-password-1';
const chat = { model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'hi' }] };

/** Two gateway processes, one Redis, one PostgreSQL, one emulator. */
describe('two replicas sharing Redis and PostgreSQL', () => {
  let emulator: Emulator;
  let database: { url: string; drop(): Promise<void> };
  let replicas: GatewayProcess[] = [];
  const tokenCalls = () => emulator.requests.filter((request) => request.path === '/token').length;

  beforeAll(async () => {
    const redisUrl = await freshRedisUrl();
    database = await freshPostgresDatabase();
    emulator = await startEmulator({});
    const env = {
      GEMINI_AUTH_PASSWORD: PASSWORD,
      CODE_ASSIST_ENDPOINT: emulator.url,
      // An expired access token: the first use refreshes it.
      GEMINI_CREDENTIALS: demoCredentials(emulator),
      GEMINI_QUOTA_REFRESH_MS: '0',
      UPSTREAM_RATE_LIMIT_MAX_WAIT_MS: '0',
      DATABASE_URL: database.url,
      REDIS_URL: redisUrl,
      KEYS_RELOAD_MS: '100',
      USAGE_FLUSH_MS: '50',
      LOG_LEVEL: 'info',
    };
    // Started together: both set their account up (token refresh) at once.
    replicas = await Promise.all([startGatewayProcess(env), startGatewayProcess(env)]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.stop()));
    await emulator?.close();
    await database?.drop();
  });

  type Target = { url: string; password: string };
  const stacks = (): [Target, Target] => {
    const [a, b] = replicas.map((replica) => ({ url: replica.url, password: PASSWORD }));
    if (!a || !b) throw new Error('the replicas did not start');
    return [a, b];
  };

  it('200 parallel requests across both replicas on an expired token cause one token refresh', async () => {
    const [a, b] = stacks();
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, index) =>
        postJson(index % 2 ? a : b, '/v1/chat/completions', chat).then(
          (response) => response.status,
        ),
      ),
    );
    expect(answers.filter((status) => status === 200)).toHaveLength(200);
    expect(tokenCalls()).toBe(1);
  }, 60_000);

  it('a key limited to 10 requests per minute gets exactly 10 successes across both replicas', async () => {
    const [a, b] = stacks();
    const { key } = await createKey(a, { name: 'ten-rpm', rpm: 10 });
    // The other replica learns new keys on its next reload (KEYS_RELOAD_MS).
    await waitFor(
      async () => (await postJson({ url: b.url, password: key }, '/v1/models', {})).status !== 401,
    );
    const statuses = await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        postJson(
          { url: (index % 2 ? a : b).url, password: key },
          '/v1/chat/completions',
          chat,
        ).then((response) => response.status),
      ),
    );
    expect(statuses.filter((status) => status === 200)).toHaveLength(10);
    expect(statuses.filter((status) => status === 429)).toHaveLength(20);
  });

  it('usage from both replicas lands in one ledger', async () => {
    const [a, b] = stacks();
    await waitFor(async () => {
      const usage = await admin(b, 'GET', '/admin/usage?group_by=key,status');
      const rows = usage.body.data.filter(
        (row: { key_name: string }) => row.key_name === 'ten-rpm',
      );
      return rows.reduce((sum: number, row: { requests: number }) => sum + row.requests, 0) === 30;
    });
    const usage = await admin(a, 'GET', '/admin/usage?group_by=key,status');
    const rows = usage.body.data.filter((row: { key_name: string }) => row.key_name === 'ten-rpm');
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ status: 200, requests: 10 }),
        expect.objectContaining({ status: 429, requests: 20, errors: 20 }),
      ]),
    );
    const admins = usage.body.data.filter((row: { key_name: string }) => row.key_name === 'admin');
    expect(admins.reduce((sum: number, row: { requests: number }) => sum + row.requests, 0)).toBe(
      200,
    );
  });

  it('a response stored on one replica is continued, read and deleted on the other (Redis response store)', async () => {
    const [a, b] = stacks();
    const first = await postJson(a, '/v1/responses', {
      model: 'gemini-2.5-flash',
      input: 'remember the word heron',
    });
    expect(first.status).toBe(200);
    const { id } = (await first.json()) as { id: string };

    const second = await postJson(b, '/v1/responses', {
      model: 'gemini-2.5-flash',
      previous_response_id: id,
      input: 'and now?',
      store: false,
    });
    expect(second.status).toBe(200);
    // The upstream call of the second turn carried the first turn, stored by the other replica.
    const sent = emulator.requests.at(-1)?.body as {
      request: { contents: { role: string; parts: { text?: string }[] }[] };
    };
    expect(sent.request.contents.map((content) => content.parts[0]?.text)).toEqual([
      'remember the word heron',
      'Echo: remember the word heron',
      'and now?',
    ]);

    const read = await fetch(`${b.url}/v1/responses/${id}`, {
      headers: { authorization: `Bearer ${PASSWORD}` },
    });
    expect(read.status).toBe(200);
    expect(((await read.json()) as { id: string }).id).toBe(id);
    const removed = await fetch(`${b.url}/v1/responses/${id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${PASSWORD}` },
    });
    expect(removed.status).toBe(200);
    const gone = await fetch(`${a.url}/v1/responses/${id}`, {
      headers: { authorization: `Bearer ${PASSWORD}` },
    });
    expect(gone.status).toBe(404);
  });

  it('an account cooldown learned by one replica is respected by the other', async () => {
    const [a, b] = stacks();
    emulator.script({
      kind: 'rate-limit',
      retryDelaySeconds: 600,
      match: { model: 'gemini-2.5-pro' },
    });
    const first = await postJson(a, '/v1/chat/completions', { ...chat, model: 'gemini-2.5-pro' });
    expect(first.status).toBe(429);
    const generateCalls = () =>
      emulator.requests.filter((request) => request.path.includes('GenerateContent')).length;
    const before = generateCalls();
    // Replica b never called Google for this model, yet it knows the account is cooling down.
    await waitFor(async () => {
      const status = await fetch(`${b.url}/status`, {
        headers: { authorization: `Bearer ${PASSWORD}` },
      });
      // The cooldown itself (the status also names models elsewhere, e.g. in quota buckets).
      const { accounts } = (await status.json()) as {
        accounts: { cooldowns: { model: string }[] }[];
      };
      return accounts.some((account) =>
        account.cooldowns.some((cooldown) => cooldown.model === 'gemini-2.5-pro'),
      );
    });
    const second = await postJson(b, '/v1/chat/completions', { ...chat, model: 'gemini-2.5-pro' });
    expect(second.status).toBe(429);
    expect(((await second.json()) as { error: { message: string } }).error.message).toContain(
      'rate-limited',
    );
    expect(generateCalls()).toBe(before);
    // Other models still work on b.
    expect((await postJson(b, '/v1/chat/completions', chat)).status).toBe(200);
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
