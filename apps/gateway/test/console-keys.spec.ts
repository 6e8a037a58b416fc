import OpenAI from 'openai';
import type { Browser, Page } from 'playwright-core';
import {
  collectBrowserErrors,
  launchChromium,
  screenshot,
  signInWithForm,
} from './support/chromium';
import { startConsoleStack, type ConsoleStack } from './support/console-stack';

jest.setTimeout(60_000);

/**
 * The console pages built on the client keys and usage ledger (/admin/keys, /admin/usage,
 * /admin/requests: docs/api.md). They need that API in the gateway.
 */
describe('console keys, usage and requests in headless Chromium', () => {
  let stack: ConsoleStack;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let url: string;
  const created = new Map<string, string>();

  const chatWith = (apiKey: string, model = 'gemini-2.5-flash') =>
    new OpenAI({ baseURL: `${url}/v1`, apiKey, maxRetries: 0 }).chat.completions.create({
      model,
      messages: [{ role: 'user', content: 'hello from a client key' }],
    });

  const keysTable = () => page.getByRole('table', { name: 'Keys', exact: true });

  async function createKey(name: string, models = ''): Promise<string> {
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page
      .getByLabel(/^Allowed models/)
      .first()
      .fill(models);
    await page.getByLabel('Requests per minute').first().fill('60');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    const shown = page.locator('#new-key-value');
    await shown.waitFor();
    const key = await shown.innerText();
    expect(key).toMatch(/^g2a-/);
    await keysTable().getByRole('cell', { name, exact: true }).waitFor();
    created.set(name, key);
    return key;
  }

  beforeAll(async () => {
    browser = await launchChromium();
    stack = await startConsoleStack();
    url = stack.gateway.url;
    const context = await browser.newContext({
      colorScheme: 'light',
      locale: 'en-GB',
      viewport: { width: 1280, height: 900 },
    });
    page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
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

  it('creates two keys (each shown once) that clients can use', async () => {
    await page.goto(`${url}/console/keys`);
    await page.getByRole('heading', { name: 'Create a key' }).waitFor();
    const bot = await createKey('ci-bot');
    const analyst = await createKey('analyst', 'gemini-2.5-flash*');
    expect(bot).not.toBe(analyst);
    for (const key of [bot, bot, analyst])
      expect((await chatWith(key)).choices[0]?.message.content).toBe(
        'Echo: hello from a client key',
      );
    // The key is shown once: after a reload only its prefix is on the page.
    await page.reload();
    await keysTable().waitFor();
    expect(await page.content()).not.toContain(bot);
  });

  it('shows usage per key as a chart and a table', async () => {
    await page.goto(`${url}/console/keys`);
    const usage = page.getByRole('table', { name: 'Usage per key (last 7 days)' });
    await usage.waitFor();
    const rows = await usage.locator('tbody tr').allInnerTexts();
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^ci-bot\s+2\s+0\s+[1-9]/),
        expect.stringMatching(/^analyst\s+1\s+0\s+[1-9]/),
      ]),
    );
    expect(
      await page.getByRole('img', { name: /Tokens per key and day.*ci-bot max [1-9]/ }).count(),
    ).toBe(1);
  });

  it('edits a key: limits and allowed models', async () => {
    await page.getByRole('button', { name: 'Edit analyst' }).click();
    await page.locator('#edit-tpm').fill('5000');
    await page.locator('#edit-models').fill('gemini-2.5-flash, gemini-2.5-pro');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const row = keysTable().getByRole('row', { name: /analyst/ });
    await row.getByText('gemini-2.5-flash, gemini-2.5-pro').waitFor();
    expect(await row.innerText()).toContain('5,000');
    await screenshot(page, 'keys');
  });

  it('revokes a key: the row says so and a request with that key fails', async () => {
    await page.getByRole('button', { name: 'Revoke ci-bot' }).click();
    const row = keysTable().getByRole('row', { name: /ci-bot/ });
    await row.getByText('revoked').waitFor();
    const refused = await chatWith(created.get('ci-bot') ?? '').then(
      () => 200,
      (error: { status?: number }) => error.status,
    );
    expect([401, 403]).toContain(refused);
    expect((await chatWith(created.get('analyst') ?? '')).choices).toHaveLength(1);
  });

  it('lists recent requests with key, model, status, tokens and latency, never a body', async () => {
    await page.goto(`${url}/console/requests`);
    const recent = page.getByRole('table', { name: 'Most recent requests' });
    await recent.waitFor();
    const rows = await recent.locator('tbody tr').allInnerTexts();
    expect(rows.length).toBeGreaterThanOrEqual(4);
    expect(rows.join('\n')).toMatch(/analyst\s+openai\s+gemini-2\.5-flash\s+200/);
    expect(rows.join('\n')).toMatch(/ci-bot\s+openai\s+gemini-2\.5-flash\s+200/);
    expect(await page.content()).not.toContain('hello from a client key');
    await screenshot(page, 'requests');
  });

  it('shows the usage ledger on the overview', async () => {
    await page.goto(`${url}/console/overview`);
    const usage = page.getByRole('table', { name: 'Usage of the last 7 days (usage ledger)' });
    await usage.waitFor();
    expect(await usage.locator('tbody tr').first().innerText()).toMatch(/^\d{4}-\d\d-\d\d\s+[4-9]/);
    await screenshot(page, 'overview');
  });

  it('never opens the console or /admin with a client key', async () => {
    const key = created.get('analyst') ?? '';
    for (const path of ['/console/api/overview', '/admin/keys', '/admin/accounts']) {
      const response = await fetch(`${url}${path}`, {
        headers: { authorization: `Bearer ${key}` },
      });
      expect([path, [401, 403].includes(response.status)]).toEqual([path, true]);
    }
    const page = await fetch(`${url}/console/keys`, {
      headers: { authorization: `Bearer ${key}` },
      redirect: 'manual',
    });
    expect(page.headers.get('location')).toBe('/console/sign-in');
  });
});
