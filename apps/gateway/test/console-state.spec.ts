import { startEmulator, type Emulator } from '@geminicli2api/emulator';
import { createServer as createHttpsServer, request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { writeAccountDir } from './support/account-files';
import { collectBrowserErrors, launchChromium, signInWithForm } from './support/chromium';
import { consoleBundleDir } from './support/console-bundle';
import { signIn } from './support/console-stack';
import { freshPostgresDatabase, freshRedisUrl } from './support/services';
import { createTestGateway, startGateway, type RunningGateway } from './support/start-gateway';
import { testCertificate } from './support/test-certificate';

jest.setTimeout(30_000);

/**
 * What the console shows of the gateway's own state, beyond the two-account stack of
 * console-http.spec: MODEL_FALLBACKS on the Models page, accounts' problems in plain words,
 * real Redis and PostgreSQL on the overview, and the cookie when the gateway serves TLS itself.
 */
interface AccountView {
  label: string;
  state: string;
  problem: string | null;
}

describe('the console Models API with MODEL_FALLBACKS', () => {
  it("lists each chain's fallbacks on its primary model (aliases resolved)", async () => {
    const gateway = await startGateway({
      MODEL_FALLBACKS: 'gpt-4o>gemini-2.5-flash>gemini-2.5-flash-lite',
      GEMINI_MODEL_ALIASES: 'gpt-4o=gemini-2.5-pro',
    });
    try {
      const { cookie } = await signIn(gateway.url, gateway.password);
      const models = await fetch(`${gateway.url}/console/api/models`, { headers: { cookie } });
      const { data } = (await models.json()) as { data: { id: string; fallbacks: string[] }[] };
      const fallbacks = Object.fromEntries(data.map((model) => [model.id, model.fallbacks]));
      expect(fallbacks['gemini-2.5-pro']).toEqual(['gemini-2.5-flash', 'gemini-2.5-flash-lite']);
      expect(fallbacks['gemini-2.5-flash']).toEqual([]);
    } finally {
      await gateway.close();
    }
  });
});

describe('what a cache may keep of the admin and console APIs', () => {
  it('nothing: their JSON answers carry Cache-Control: no-store', async () => {
    const gateway = await startGateway({});
    try {
      const { cookie } = await signIn(gateway.url, gateway.password);
      const admin = { authorization: `Bearer ${gateway.password}` };
      for (const [path, headers] of [
        ['/console/api/overview', { cookie }],
        ['/console/api/models', { cookie }],
        ['/admin/accounts', admin],
        ['/admin/keys', admin],
        ['/admin/usage', admin],
        ['/admin/requests', { cookie }],
      ] as const) {
        const answer = await fetch(`${gateway.url}${path}`, { headers });
        expect([path, answer.status, answer.headers.get('cache-control')]).toEqual([
          path,
          200,
          'no-store',
        ]);
      }
    } finally {
      await gateway.close();
    }
  });
});

describe('the sign-in throttle behind a reverse proxy', () => {
  const attempt = (url: string, password: string, forwardedFor: string) =>
    fetch(`${url}/console/sign-in`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-forwarded-for': forwardedFor,
      },
      body: new URLSearchParams({ password }),
      redirect: 'manual',
    });
  const tenWrong = (url: string, forwardedFor: (index: number) => string) =>
    Promise.all(
      Array.from({ length: 10 }, (_, index) => attempt(url, `guess-${index}`, forwardedFor(index))),
    );

  it('with TRUST_PROXY, counts each visitor the proxy names: one guesser does not lock out the others', async () => {
    const gateway = await startGateway({ TRUST_PROXY: 'loopback' });
    try {
      await tenWrong(gateway.url, () => '203.0.113.7');
      expect((await attempt(gateway.url, gateway.password, '203.0.113.7')).status).toBe(429);
      expect((await attempt(gateway.url, gateway.password, '198.51.100.9')).status).toBe(303);
    } finally {
      await gateway.close();
    }
  });

  it('without it, X-Forwarded-For is not believed: guessing under made-up addresses still locks out', async () => {
    const gateway = await startGateway({});
    try {
      await tenWrong(gateway.url, (index) => `203.0.113.${index}`);
      expect((await attempt(gateway.url, gateway.password, '198.51.100.9')).status).toBe(429);
    } finally {
      await gateway.close();
    }
  });
});

describe('accounts with problems, in plain words', () => {
  const notEligible = 'Your account is not eligible for Gemini Code Assist.';
  let emulator: Emulator;
  let accountDir: string;
  let gateway: RunningGateway;

  beforeAll(async () => {
    emulator = await startEmulator({
      accounts: [
        { refreshToken: 'acct-revoked', invalidGrant: true },
        {
          refreshToken: 'acct-ineligible',
          onboarded: false,
          ineligible: ['free-tier', 'standard-tier'].map((tierId) => ({
            reasonCode: 'INELIGIBLE_ACCOUNT',
            reasonMessage: notEligible,
            tierId: tierId as 'free-tier' | 'standard-tier',
          })),
        },
      ],
    });
    accountDir = await writeAccountDir(emulator.tokenUrl, ['acct-revoked', 'acct-ineligible']);
    gateway = await startGateway(
      {
        GEMINI_CREDENTIALS_DIR: accountDir,
        CODE_ASSIST_ENDPOINT: emulator.url,
        GEMINI_OAUTH_TOKEN_URL: emulator.tokenUrl,
      },
      undefined,
      undefined,
      await consoleBundleDir(),
    );
  });
  afterAll(async () => {
    await gateway?.close();
    await emulator?.close();
  });

  it('says a sign-in was revoked and an account is not eligible, naming the file, never its path', async () => {
    let list: AccountView[] = [];
    for (let attempt = 0; attempt < 100; attempt++) {
      list = ((await gateway.getJson('/admin/accounts')).body as { data: typeof list }).data;
      if (list.every((account) => account.problem !== null)) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(list.map((account) => [account.label, account.state])).toEqual([
      ['account-1.json', 'relogin-required'],
      ['account-2.json', 'ineligible'],
    ]);
    expect(list[0]?.problem).toMatch(/account-1\.json.*expired or revoked/);
    expect(list[1]?.problem).toContain(notEligible);
    expect(JSON.stringify(list)).not.toContain(accountDir);
  });

  it('says those problems in Chinese on the Accounts page, with what Google said', async () => {
    const browser = await launchChromium();
    try {
      const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
      const errors = collectBrowserErrors(page);
      await signInWithForm(page, gateway.url, gateway.password);
      await page.goto(`${gateway.url}/console/accounts`);
      const problems = (label: string) =>
        page.getByRole('article', { name: label }).locator('.problems li').first().innerText();
      expect(await problems('account-1.json')).toMatch(
        /^登录已过期或被撤销：请用 npm run login 重新登录，并替换 account-1\.json。（原文：The refresh token/,
      );
      expect(await problems('account-2.json')).toMatch(
        /^Google 不允许此账号使用 Code Assist（INELIGIBLE_ACCOUNT）。（原文：.*not eligible for Gemini Code Assist/,
      );
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

describe('the console session cookie over TLS', () => {
  it('is Secure when the gateway itself serves HTTPS (no proxy header)', async () => {
    const tls = testCertificate();
    const { gateway } = await createTestGateway({});
    const server = createHttpsServer({ key: tls.key, cert: tls.cert }, gateway.handle);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const body = new URLSearchParams({ password: gateway.password }).toString();
      const answer = await new Promise<{ status?: number; cookie?: string[] }>(
        (resolve, reject) => {
          const request = httpsRequest(
            {
              host: '127.0.0.1',
              port,
              path: '/console/sign-in',
              method: 'POST',
              ca: tls.cert,
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
            },
            (response) => {
              response.resume();
              resolve({ status: response.statusCode, cookie: response.headers['set-cookie'] });
            },
          );
          request.on('error', reject);
          request.end(body);
        },
      );
      expect(answer.status).toBe(303);
      expect(answer.cookie?.[0]).toMatch(
        /^g2a_console=v1\.[^;]+; .*HttpOnly; SameSite=Strict; .*Secure$/,
      );
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await gateway.close();
    }
  });
});

describe('the console overview with real Redis and PostgreSQL', () => {
  it('shows the database and Redis as ok, with their locations and no secret', async () => {
    const database = await freshPostgresDatabase();
    const redisUrl = new URL(await freshRedisUrl());
    redisUrl.username = 'default';
    redisUrl.password = 'redis-secret-in-url';
    const withRedis = await startGateway({
      DATABASE_URL: database.url,
      REDIS_URL: redisUrl.toString(),
    });
    try {
      const { cookie } = await signIn(withRedis.url, withRedis.password);
      const answer = await fetch(`${withRedis.url}/console/api/overview`, { headers: { cookie } });
      const { dependencies } = (await answer.json()) as {
        dependencies: { name: string; state: string; detail: string }[];
      };
      expect(dependencies.map(({ name, state }) => [name, state])).toEqual([
        ['google', expect.any(String)],
        ['database', 'ok'],
        ['redis', 'ok'],
      ]);
      expect(dependencies[1]?.detail).toMatch(/^postgres/);
      expect(dependencies[2]?.detail).toBe(`redis://${redisUrl.host}${redisUrl.pathname}: ready`);
      expect(JSON.stringify(dependencies)).not.toContain('redis-secret-in-url');
    } finally {
      await withRedis.close();
      await database.drop();
    }
  });
});
