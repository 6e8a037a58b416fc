import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  collectBrowserErrors,
  launchChromium,
  screenshot,
  signInWithForm,
} from './support/chromium';
import { NEW_ACCOUNT_CODE, startConsoleStack, type ConsoleStack } from './support/console-stack';

jest.setTimeout(60_000);

describe('the web console in headless Chromium', () => {
  let stack: ConsoleStack;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let url: string;

  const chat = (model: string) =>
    fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${stack.gateway.password}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hello console' }] }),
    });

  beforeAll(async () => {
    browser = await launchChromium();
    stack = await startConsoleStack();
    url = stack.gateway.url;
    // Some traffic for the charts: three answers and one error (an unknown model).
    for (const model of ['gemini-2.5-pro', 'gemini-2.5-flash', 'gemini-2.5-pro', 'no-such-model'])
      await chat(model);
    context = await browser.newContext({
      colorScheme: 'light',
      locale: 'en-GB',
      viewport: { width: 1280, height: 900 },
    });
    page = await context.newPage();
    errors = collectBrowserErrors(page);
    await signInWithForm(page, url, stack.gateway.password);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });
  afterEach(() => {
    expect(errors).toEqual([]);
  });

  it('refuses a wrong password on the sign-in page and sets no session', async () => {
    const other = await browser.newContext({ locale: 'en-GB' });
    const visitor = await other.newPage();
    await visitor.goto(`${url}/console/accounts`);
    expect(visitor.url()).toBe(`${url}/console/sign-in`);
    await screenshot(visitor, 'sign-in');
    await visitor.getByLabel('Admin password').fill('not-the-password');
    await visitor.getByRole('button', { name: 'Sign in' }).click();
    await expect(visitor.getByRole('alert').textContent()).resolves.toContain('Wrong password');
    expect(await other.cookies()).toEqual([]);
    await other.close();
  });

  it('shows the overview: backend, version, uptime, traffic charts and dependency health', async () => {
    await page.goto(`${url}/console/overview`);
    const main = page.locator('main');
    await main.getByRole('heading', { name: 'Overview' }).waitFor();
    await main.locator('.card').first().waitFor();
    expect(await main.locator('.card').allInnerTexts()).toEqual([
      expect.stringContaining('code-assist (ready)'),
      expect.stringMatching(/Version\s+\d+\.\d+\.\d+/),
      expect.stringMatching(/Uptime\s+\d/),
      expect.stringContaining('1 / 2'),
    ]);
    expect(
      await main
        .getByRole('img', { name: /Requests per minute: Requests max \d, total 4$/ })
        .count(),
    ).toBe(1);
    expect(
      await main.getByRole('img', { name: /Error rate \(%\): Errors max [1-9]/ }).count(),
    ).toBe(1);
    expect(await main.getByRole('img', { name: /Latency p50 \/ p95/ }).count()).toBe(1);
    const health = main.getByRole('table', { name: 'Dependencies' });
    expect(await health.locator('tbody tr').allInnerTexts()).toEqual([
      expect.stringMatching(/^google\s+degraded\s+1 of 2 usable accounts are cooling down/),
      expect.stringMatching(/^database\s+ok\s+sqlite \(.*geminicli2api\.db\)/),
      expect.stringMatching(/^redis\s+not used/),
    ]);
    await main.getByRole('button', { name: 'Last 24 hours' }).click();
    expect(
      await main
        .getByRole('img', { name: /Requests per 30 minutes: Requests max \d, total 4$/ })
        .count(),
    ).toBe(1);
    await main.getByRole('button', { name: 'Last hour' }).click();
    await screenshot(page, 'overview');
  });

  it('shows both accounts with tier, project, quota bars, a live cooldown, and disables/enables one', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Accounts' }).click();
    await page.waitForURL(`${url}/console/accounts`);
    const first = page.getByRole('article', { name: 'account-1.json' });
    const second = page.getByRole('article', { name: 'account-2.json' });
    await first.waitFor();
    expect(await first.innerText()).toMatch(/free-tier[\s\S]*project-alpha/);
    expect(await first.locator('header .pill').allInnerTexts()).toEqual(['ready', 'cooling down']);
    expect(await second.innerText()).toMatch(/standard-tier[\s\S]*project-beta/);
    expect(await first.getByRole('meter', { name: 'gemini-2.5-flash: 35% left' }).count()).toBe(1);
    expect(await first.getByRole('meter', { name: 'gemini-2.5-pro: 0% left' }).count()).toBe(1);
    const cooldown = first.locator('.countdown');
    const before = await cooldown.innerText();
    expect(before).toMatch(/^gemini-2\.5-pro: free again in (59|60)min \d\ds$/);
    await page.waitForTimeout(1100);
    expect(await cooldown.innerText()).not.toBe(before);
    await screenshot(page, 'accounts');

    await second.getByRole('button', { name: 'Disable account-2.json' }).click();
    await second.getByRole('button', { name: 'Enable account-2.json' }).waitFor();
    expect(await second.locator('.pill').innerText()).toBe('disabled');
    const refused = await chat('gemini-2.5-pro');
    expect(refused.status).toBe(429);
    await second.getByRole('button', { name: 'Enable account-2.json' }).click();
    await second.getByRole('button', { name: 'Disable account-2.json' }).waitFor();
    expect(await second.locator('.pill').innerText()).toBe('ready');
    expect((await chat('gemini-2.5-pro')).status).toBe(200);

    // A 429 from Google shows up in plain words, with its cooldown counting down.
    stack.emulator.script({
      kind: 'rate-limit',
      retryDelaySeconds: 90,
      match: { account: 'acct-a', method: 'generateContent' },
    });
    expect((await chat('gemini-2.5-flash')).status).toBe(200);
    await page.reload();
    const flash = first.locator('.countdown[data-model="gemini-2.5-flash"]');
    await flash.waitFor();
    expect(await first.locator('.problems').innerText()).toBe('rate-limited 1×');
    expect(await flash.innerText()).toMatch(/^gemini-2\.5-flash: free again in 1min [23]\ds$/);
  });

  it("adds a Code Assist account: Google's consent URL, then the pasted code", async () => {
    await page.goto(`${url}/console/accounts`);
    await page.getByRole('button', { name: 'Open Google’s consent page' }).click();
    const link = page.getByRole('link', { name: 'Google consent page for the new account' });
    const consent = new URL((await link.getAttribute('href')) ?? '');
    expect(consent.origin + consent.pathname).toBe('https://accounts.google.com/o/oauth2/v2/auth');
    expect(consent.searchParams.get('response_type')).toBe('code');
    expect(consent.searchParams.get('code_challenge_method')).toBe('S256');
    // Google would show the code after consent; the emulator's token endpoint takes this one.
    await page.getByLabel('Authorization code').fill(NEW_ACCOUNT_CODE);
    await page.getByRole('button', { name: 'Save the account' }).click();
    await page
      .getByRole('status')
      .getByText('Saved as new-account@example.test.json; the gateway serves with it now.')
      .waitFor();
    await page.getByRole('article', { name: 'new-account@example.test.json' }).waitFor();
  });

  it('shows the model catalog with the backend serving it', async () => {
    await page.goto(`${url}/console/models`);
    const catalog = page.getByRole('table', { name: 'Model catalog' });
    await catalog.waitFor();
    const rows = await catalog.locator('tbody tr').allInnerTexts();
    expect(rows.length).toBeGreaterThanOrEqual(5);
    expect(rows[0]).toMatch(/^gemini-2\.5-pro[\s\S]*gpt-4o → gemini-2\.5-pro[\s\S]*code-assist$/);
    expect(rows[1]).toContain('gpt-4o-mini → gemini-2.5-flash-nothinking');
    const preview = rows.find((row) => row.startsWith('gemini-3-pro-preview'));
    expect(preview).toContain('gemini-2.5-pro → gemini-2.5-flash');
    await screenshot(page, 'models');
  });

  it('is keyboard navigable and switches to Chinese', async () => {
    await page.goto(`${url}/console/overview`);
    await page.locator('main .card').first().waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Skip to content');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Accounts');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${url}/console/accounts`);
    await page.getByLabel('Language').selectOption('zh');
    await page.getByRole('navigation').getByRole('link', { name: '账号' }).waitFor();
    expect(await page.locator('main h1').innerText()).toBe('账号');
    await page.getByLabel('语言').selectOption('en');
    await page.getByRole('navigation').getByRole('link', { name: 'Accounts' }).waitFor();
  });

  it('follows the system theme: dark and light backgrounds differ', async () => {
    const background = async (scheme: 'dark' | 'light') => {
      await page.emulateMedia({ colorScheme: scheme });
      return page.evaluate('getComputedStyle(document.body).backgroundColor');
    };
    expect(await background('dark')).toBe('rgb(17, 19, 24)');
    expect(await background('light')).toBe('rgb(246, 247, 249)');
  });

  it('keeps pages and APIs closed without the session, and signs out', async () => {
    const stranger = await browser.newContext();
    const visitor = await stranger.newPage();
    for (const path of ['overview', 'accounts', 'keys', 'models', 'requests']) {
      await visitor.goto(`${url}/console/${path}`);
      expect(visitor.url()).toBe(`${url}/console/sign-in`);
    }
    const statuses = await visitor.evaluate(async () =>
      Promise.all(
        ['/console/api/overview', '/console/api/models', '/admin/accounts'].map(
          async (path) => (await fetch(path)).status,
        ),
      ),
    );
    expect(statuses).toEqual([401, 401, 401]);
    await stranger.close();

    await page.goto(`${url}/console/overview`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${url}/console/sign-in`);
    await page.goto(`${url}/console/accounts`);
    expect(page.url()).toBe(`${url}/console/sign-in`);
  });
});
