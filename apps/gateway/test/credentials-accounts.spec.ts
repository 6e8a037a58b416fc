import { mkdir, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI, { APIError } from 'openai';
import { startEmulator, type Emulator, type EmulatorAccount } from '@geminicli2api/emulator';
import { writeAccountDir } from './support/account-files';
import { startGateway, type RunningGateway } from './support/start-gateway';

interface AccountStatus {
  label: string;
  state: string;
  project: string | null;
  problem?: string;
  eligibility?: { reason: string; actionUrl?: string };
}

describe('credentials, accounts and eligibility through the gateway', () => {
  let emulator: Emulator;
  let gateway: RunningGateway | undefined;

  async function start(
    accounts: EmulatorAccount[],
    env: (emulatorUrl: string, tokenUrl: string) => Record<string, string>,
    dirs?: { cwd?: string; homeDir?: string },
  ) {
    emulator = await startEmulator({ accounts });
    gateway = await startGateway(
      { CODE_ASSIST_ENDPOINT: emulator.url, ...env(emulator.url, emulator.tokenUrl) },
      dirs,
    );
    return {
      gateway,
      client: new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: gateway.password, maxRetries: 0 }),
    };
  }
  const envCredentials = (refreshToken: string, tokenUrl: string) =>
    JSON.stringify({
      refresh_token: refreshToken,
      token_uri: tokenUrl,
      client_id: 'c',
      client_secret: 'client-secret-value',
    });
  async function accountsOf(running: RunningGateway): Promise<AccountStatus[]> {
    return ((await running.getJson('/status')).body as { accounts: AccountStatus[] }).accounts;
  }

  afterEach(async () => {
    await gateway?.close();
    gateway = undefined;
    await emulator.close();
  });

  it.each([
    ['SUBSCRIPTION_REQUIRED', /licence/],
    ['TOS_DISABLED', /Terms of Service/],
  ] as const)(
    'answers 503 with the %s explanation, and /status shows it',
    async (forbidden, advice) => {
      const { gateway: running, client } = await start(
        [{ refreshToken: 'lonely', forbidden }],
        (_url, tokenUrl) => ({ GEMINI_CREDENTIALS: envCredentials('lonely', tokenUrl) }),
      );
      const error = await client.chat.completions
        .create({ model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'hi' }] })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(APIError);
      expect((error as APIError).status).toBe(503);
      expect((error as APIError).message).toMatch(advice);
      const [status] = await accountsOf(running);
      expect(status).toMatchObject({
        label: 'GEMINI_CREDENTIALS',
        state: 'ineligible',
        eligibility: { reason: forbidden },
      });
    },
  );

  it('reports invalid_grant as "log in again" for that account, never showing the refresh token', async () => {
    const { gateway: running, client } = await start(
      [{ refreshToken: 'revoked-refresh-token', invalidGrant: true }],
      (_url, tokenUrl) => ({
        GEMINI_CREDENTIALS: envCredentials('revoked-refresh-token', tokenUrl),
      }),
    );
    const error = (await client.chat.completions
      .create({ model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught)) as APIError;
    expect(error.status).toBe(503);
    expect(error.message).toMatch(/Log in again/);
    expect(error.message).not.toContain('revoked-refresh-token');
    expect((await accountsOf(running))[0]).toMatchObject({ state: 'relogin-required' });
    expect(running.logs()).not.toContain('revoked-refresh-token');
    expect(running.logs()).not.toContain('client-secret-value');
  });

  it('serves from the good account when another is refused, showing the activation URL in /status', async () => {
    emulator = await startEmulator({
      accounts: [
        { refreshToken: 'disabled', forbidden: 'SERVICE_DISABLED', project: 'off' },
        { refreshToken: 'good', project: 'on' },
      ],
    });
    const dir = await writeAccountDir(emulator.tokenUrl, ['disabled', 'good']);
    gateway = await startGateway({
      CODE_ASSIST_ENDPOINT: emulator.url,
      GEMINI_CREDENTIALS_DIR: dir,
      GEMINI_ACCOUNT_SELECTION: 'fill-first',
    });
    const client = new OpenAI({
      baseURL: `${gateway.url}/v1`,
      apiKey: gateway.password,
      maxRetries: 0,
    });
    const completion = await client.chat.completions.create({
      model: 'gemini-2.5-flash',
      messages: [{ role: 'user', content: 'still works' }],
    });
    expect(completion.choices[0]?.message.content).toBe('Echo: still works');
    const [disabled, good] = await accountsOf(gateway);
    expect(disabled).toMatchObject({
      state: 'ineligible',
      eligibility: {
        reason: 'SERVICE_DISABLED',
        actionUrl: expect.stringContaining('cloudaicompanion.googleapis.com/overview?project=off'),
      },
    });
    expect(good).toMatchObject({ state: 'ready', project: 'on' });
  });

  it('persists refreshed tokens and the discovered project_id to an original-format file (0600)', async () => {
    const started = await start(
      [{ refreshToken: 'orig', project: 'found-project' }],
      (_url, tokenUrl) => ({ GEMINI_OAUTH_TOKEN_URL: tokenUrl }),
      {
        cwd: await cwdWith('oauth_creds.json', {
          refresh_token: 'orig',
          token: 'old',
          expiry: '2000-01-01T00:00:00Z',
          client_id: 'c',
          client_secret: 's',
          scopes: ['x'],
        }),
      },
    );
    await started.client.chat.completions.create({
      model: 'gemini-2.5-flash',
      messages: [{ role: 'user', content: 'hi' }],
    });
    const path = join(lastCwd, 'oauth_creds.json');
    const written = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    expect(written).toMatchObject({
      refresh_token: 'orig',
      project_id: 'found-project',
      client_id: 'c',
      scopes: ['x'],
    });
    expect(written['token']).toMatch(/^emu-at-/);
    expect(Date.parse(String(written['expiry']))).toBeGreaterThan(Date.now());
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('keeps a gemini-cli file in its own format (no project_id) and reads ~/.gemini/oauth_creds.json', async () => {
    const home = await mkdtemp(join(tmpdir(), 'home-'));
    await mkdir(join(home, '.gemini'));
    const path = join(home, '.gemini', 'oauth_creds.json');
    await writeFile(
      path,
      JSON.stringify({
        refresh_token: 'cli',
        access_token: 'old',
        expiry_date: 1,
        scope: 'x',
        token_type: 'Bearer',
      }),
    );
    const { client } = await start(
      [{ refreshToken: 'cli', project: 'cli-project' }],
      (_url, tokenUrl) => ({ GEMINI_OAUTH_TOKEN_URL: tokenUrl }),
      { homeDir: home },
    );
    await client.chat.completions.create({
      model: 'gemini-2.5-flash',
      messages: [{ role: 'user', content: 'hi' }],
    });
    const written = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(written).sort()).toEqual([
      'access_token',
      'expiry_date',
      'refresh_token',
      'scope',
      'token_type',
    ]);
    expect(written['access_token']).toMatch(/^emu-at-/);
    expect(written['expiry_date']).toBeGreaterThan(Date.now());
  });

  it('never writes env-sourced credentials to disk', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'cwd-'));
    const { client } = await start(
      [{ refreshToken: 'env-only' }],
      (_url, tokenUrl) => ({ GEMINI_CREDENTIALS: envCredentials('env-only', tokenUrl) }),
      { cwd, homeDir: cwd },
    );
    await client.chat.completions.create({
      model: 'gemini-2.5-flash',
      messages: [{ role: 'user', content: 'hi' }],
    });
    // Only the gateway's database (DATA_DIR=./data: keys and the usage ledger, never credentials).
    expect(await readdir(cwd)).toEqual(['data']);
    for (const name of await readdir(join(cwd, 'data')))
      expect(name).toMatch(/^geminicli2api\.db(-wal|-shm)?$/);
  });
});

let lastCwd = '';
async function cwdWith(name: string, content: unknown): Promise<string> {
  lastCwd = await mkdtemp(join(tmpdir(), 'cwd-'));
  await writeFile(join(lastCwd, name), JSON.stringify(content), { mode: 0o644 });
  return lastCwd;
}
