import type { Browser, Page } from 'puppeteer-core';
import { createKey } from './support/admin-client';
import { startConsoleStack, type ConsoleStack } from './support/console-stack';
import { collectFirefoxErrors, launchFirefox } from './support/firefox';

jest.setTimeout(60_000);

/**
 * The console in Debian's headless Firefox ESR (puppeteer-core over WebDriver BiDi), against
 * the same emulator-backed gateway as the Chromium tests (two accounts, one cooling down; two
 * client keys with usage), in the dark system theme: sign-in, every page with its real data,
 * a change through the CSRF-protected API, keyboard, sign-out, and no browser console error.
 */
describe('the web console in headless Firefox', () => {
  let stack: ConsoleStack;
  let browser: Browser;
  let page: Page;
  let errors: string[] = [];
  let url: string;
  /** The client keys' secrets: never on a page after they were created. */
  let secrets: string[] = [];

  const chat = (credential: string, model: string) =>
    fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hello firefox' }] }),
    });

  /** The body rows' text of the table with this caption, once it has `atLeast` rows. */
  async function rowsOf(caption: string, atLeast = 1): Promise<string[]> {
    // Evaluated in the page (the spec's TypeScript has no DOM types, hence a string).
    const rows = `(() => {
      const table = [...document.querySelectorAll('table')].find(
        (candidate) => candidate.caption?.textContent === ${JSON.stringify(caption)},
      );
      const rows = [...(table?.querySelectorAll('tbody tr') ?? [])];
      return rows.length >= ${atLeast} ? rows.map((row) => row.innerText) : null;
    })()`;
    await page.waitForFunction(rows);
    return (await page.evaluate(rows)) as string[];
  }

  /** Waits until the page's main heading reads `text`. */
  const heading = (text: string) =>
    page.waitForFunction(
      `document.querySelector('main h1')?.textContent === ${JSON.stringify(text)}`,
    );

  const innerTexts = (selector: string) =>
    page.$$eval(selector, (all) =>
      all.map((element) => (element as { innerText: string }).innerText),
    );

  /** Opens a console page by its navigation link (the single-page app's own routing). */
  async function open(name: string, title: string): Promise<void> {
    await page.click(`nav a[href="/console/${name}"]`);
    await heading(title);
    expect(new URL(page.url()).pathname).toBe(`/console/${name}`);
  }

  /**
   * Form controls of the page without an accessible name (a label, aria-label or
   * aria-labelledby; a button's own text), as `tag#id`: must be none.
   */
  const unlabelledControls = () =>
    page.evaluate(`[...document.querySelectorAll('input:not([type=hidden]), select, textarea, button')]
      .filter((control) => {
        if (control.getAttribute('aria-label') || control.getAttribute('aria-labelledby')) return false;
        if (control.tagName === 'BUTTON') return control.textContent.trim() === '';
        return control.labels.length === 0;
      })
      .map((control) => control.tagName.toLowerCase() + '#' + control.id)`) as Promise<string[]>;

  const attribute = (selector: string, name: string) =>
    page.$$eval(selector, (elements, wanted) => elements.map((e) => e.getAttribute(wanted)), name);

  beforeAll(async () => {
    browser = await launchFirefox('dark');
    stack = await startConsoleStack();
    url = stack.gateway.url;
    // Two keys with usage, and one error (an unknown model) for the overview's error rate.
    const ciBot = await createKey(stack.gateway, { name: 'ci-bot' });
    const analyst = await createKey(stack.gateway, { name: 'analyst' });
    secrets = [ciBot.key, analyst.key, stack.gateway.password];
    for (const key of [ciBot.key, ciBot.key, analyst.key])
      expect((await chat(key, 'gemini-2.5-flash')).status).toBe(200);
    expect((await chat(stack.gateway.password, 'no-such-model')).status).toBe(404);
    page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    errors = collectFirefoxErrors(page);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });
  afterEach(() => {
    // Each test answers for its own errors.
    expect(errors.splice(0)).toEqual([]);
  });

  it('refuses a wrong password, then signs in with the right one', async () => {
    await page.goto(`${url}/console/accounts`);
    expect(page.url()).toBe(`${url}/console/sign-in`);
    expect(await page.$eval('label[for=password]', (label) => label.textContent)).toMatch(
      /^Admin password/,
    );
    await page.type('#password', 'not-the-password');
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    expect(await page.$eval('[role=alert]', (alert) => alert.textContent)).toContain(
      'Wrong password',
    );
    expect(await browser.cookies()).toEqual([]);
    await page.type('#password', stack.gateway.password);
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    expect(page.url()).toBe(`${url}/console/`);
    expect((await browser.cookies()).map((cookie) => [cookie.name, cookie.httpOnly])).toEqual([
      ['g2a_console', true],
    ]);
  });

  it('renders the overview: backend, version, uptime, charts, dependencies, usage ledger', async () => {
    await page.waitForSelector('main .card');
    const cards = await innerTexts('main .card');
    expect(cards).toEqual([
      expect.stringContaining('code-assist (ready)'),
      expect.stringMatching(/Version\s+\d+\.\d+\.\d+/),
      expect.stringMatching(/Uptime\s+\d/),
      expect.stringContaining('1 / 2'),
    ]);
    const charts = await attribute('main svg[role=img]', 'aria-label');
    expect(charts).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Requests per minute: Requests max \d, total 4$/),
        expect.stringMatching(/^Error rate \(%\): Errors max [1-9]/),
        expect.stringMatching(/^Latency p50 \/ p95/),
      ]),
    );
    expect(await rowsOf('Dependencies', 3)).toEqual([
      expect.stringMatching(/^google\s+degraded\s+1 of 2 usable accounts are cooling down/),
      expect.stringMatching(/^database\s+ok\s+sqlite/),
      expect.stringMatching(/^redis\s+not used/),
    ]);
    const [today] = await rowsOf('Usage of the last 7 days (usage ledger)');
    expect(today).toMatch(/^\d{4}-\d\d-\d\d\s+[3-9]/);
    expect(await unlabelledControls()).toEqual([]);
  });

  it('renders the accounts with quota bars and a live cooldown, and disables / enables one', async () => {
    await open('accounts', 'Accounts');
    await page.waitForSelector('article.account .countdown');
    const labels = await attribute('article.account', 'aria-labelledby');
    expect(labels).toHaveLength(2);
    const [first] = await innerTexts('article.account');
    expect(first).toMatch(/account-1\.json[\s\S]*free-tier[\s\S]*project-alpha/);
    expect(first).toMatch(/cooling down/);
    expect(await attribute('article.account [role=meter]', 'aria-label')).toEqual(
      expect.arrayContaining(['gemini-2.5-flash: 35% left', 'gemini-2.5-pro: 0% left']),
    );
    // Each quota bar with its reset time (an hour from now for the first account).
    expect(first).toMatch(/gemini-2\.5-pro: 0% left\s+resets /);
    await page.click('#start-login');
    await page.waitForSelector('a[href^="https://accounts.google.com/"]');
    expect(await unlabelledControls()).toEqual([]);
    const countdown = () => page.$eval('.countdown', (item) => item.textContent);
    const before = await countdown();
    expect(before).toMatch(/^gemini-2\.5-pro: free again in (59|60)min \d\ds$/);
    await page.waitForFunction(
      `document.querySelector('.countdown')?.textContent !== ${JSON.stringify(before)}`,
    );

    // A change through the console API: the CSRF header is sent by the page itself.
    await page.click('button[aria-label="Disable account-2.json"]');
    await page.waitForSelector('button[aria-label="Enable account-2.json"]');
    expect((await chat(stack.gateway.password, 'gemini-2.5-pro')).status).toBe(429);
    await page.click('button[aria-label="Enable account-2.json"]');
    await page.waitForSelector('button[aria-label="Disable account-2.json"]');
    expect((await chat(stack.gateway.password, 'gemini-2.5-pro')).status).toBe(200);
  });

  it('renders the keys with usage per key as a chart and a table', async () => {
    await open('keys', 'Keys');
    const keys = await rowsOf('Keys', 2);
    expect(keys.join('\n')).toMatch(/ci-bot/);
    expect(keys.join('\n')).toMatch(/analyst/);
    expect(await rowsOf('Usage per key (last 7 days)', 2)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^ci-bot\s+2\s+0\s+[1-9]/),
        expect.stringMatching(/^analyst\s+1\s+0\s+[1-9]/),
      ]),
    );
    expect(await attribute('main svg[role=img]', 'aria-label')).toEqual([
      expect.stringMatching(/Tokens per key and day.*ci-bot max [1-9]/),
    ]);
    await page.click('button[aria-label="Edit analyst"]');
    await page.waitForSelector('#edit-tpm');
    expect(await unlabelledControls()).toEqual([]);
  });

  it('renders the model catalog and the most recent requests', async () => {
    await open('models', 'Models');
    const models = await rowsOf('Model catalog', 5);
    expect(models[0]).toMatch(/^gemini-2\.5-pro[\s\S]*code-assist$/);
    await open('requests', 'Requests');
    const recent = (await rowsOf('Most recent requests', 4)).join('\n');
    expect(recent).toMatch(/ci-bot\s+openai\s+gemini-2\.5-flash\s+200/);
    expect(recent).toMatch(/analyst\s+openai\s+gemini-2\.5-flash\s+200/);
    const content = await page.content();
    expect(content).not.toContain('hello firefox');
    for (const secret of secrets) expect(content).not.toContain(secret);
    expect(await unlabelledControls()).toEqual([]);
  });

  it('is keyboard navigable, switches to Chinese and follows the dark system theme', async () => {
    await page.goto(`${url}/console/overview`);
    await page.waitForSelector('main .card');
    const focused = () => page.evaluate('document.activeElement?.textContent');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Skip to content');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Accounts');
    await page.keyboard.press('Enter');
    await page.waitForFunction(`location.pathname === '/console/accounts'`);
    expect(await page.evaluate('getComputedStyle(document.body).backgroundColor')).toBe(
      'rgb(17, 19, 24)',
    );
    await page.select('#language', 'zh');
    await heading('账号');
    await page.select('#language', 'en');
    await heading('Accounts');
  });

  it('says in Chinese what the gateway reports: backend state, dependency health, table headers', async () => {
    await page.select('#language', 'zh');
    await heading('账号');
    await open('overview', '概览');
    expect(await innerTexts('main .card-value')).toEqual(
      expect.arrayContaining(['code-assist（就绪）']),
    );
    expect(await rowsOf('依赖服务', 3)).toEqual([
      expect.stringMatching(/^google\s+降级\s+2 个可用账号中有 1 个正在为部分模型冷却。$/),
      expect.stringMatching(/^database\s+正常\s+sqlite/),
      expect.stringMatching(/^redis\s+未使用\s+此网关未使用 Redis。$/),
    ]);
    await open('requests', '请求');
    await rowsOf('最近的请求');
    expect(await innerTexts('main th')).toContain('Token 数（输入 / 输出）');
    await page.select('#language', 'en');
    await heading('Requests');
  });

  it('signs out, and then no page or console API opens', async () => {
    await Promise.all([page.waitForNavigation(), page.click('header > button')]);
    expect(page.url()).toBe(`${url}/console/sign-in`);
    for (const name of ['overview', 'accounts', 'keys', 'models', 'requests']) {
      await page.goto(`${url}/console/${name}`);
      expect(page.url()).toBe(`${url}/console/sign-in`);
    }
    const statuses = await page.evaluate(async () =>
      Promise.all(
        ['/console/api/overview', '/console/api/models', '/admin/accounts', '/admin/keys'].map(
          async (path) => (await fetch(path)).status,
        ),
      ),
    );
    expect(statuses).toEqual([401, 401, 401, 401]);
  });
});
