import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Where the browser tests write the screenshots docs/console.md shows. */
export const SCREENSHOT_DIR = join(__dirname, '..', '..', '..', '..', 'docs', 'console');

/**
 * Launches Debian's headless Chromium from CHROMIUM_PATH (tools/scripts/with-services.sh sets
 * it). npm cannot download browsers here, so a missing one is an error naming the package.
 */
export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env['CHROMIUM_PATH'];
  if (!executablePath || !existsSync(executablePath))
    throw new Error(
      `The console browser tests need Chromium: install the Debian package \`chromium\` (apt-get install chromium; .ci/run does) and run under tools/scripts/with-services.sh, which sets CHROMIUM_PATH=/usr/bin/chromium (now: ${executablePath ?? 'unset'}).`,
    );
  return chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
}

/** Every console error and uncaught exception of a page, to assert there is none. */
export function collectBrowserErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  return errors;
}

/** Saves a full-page PNG of the page as docs/console/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** Signs in through the form. */
export async function signInWithForm(page: Page, url: string, password: string): Promise<void> {
  await page.goto(`${url}/console/`);
  await page.getByLabel(/Admin password|管理员密码/).fill(password);
  await page.getByRole('button', { name: /Sign in|登录/ }).click();
  await page.waitForURL(`${url}/console/`);
}
