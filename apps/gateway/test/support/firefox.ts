import { existsSync } from 'node:fs';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

/**
 * Launches Debian's headless Firefox ESR from FIREFOX_PATH (tools/scripts/with-services.sh sets
 * it), driven by puppeteer-core over WebDriver BiDi: Playwright's Firefox needs its own patched
 * build, which cannot be downloaded here. A missing browser is an error naming the package.
 * WebDriver BiDi cannot emulate `prefers-color-scheme` per page, so the theme is a preference
 * of the whole browser (`dark` or `light`).
 */
export async function launchFirefox(theme: 'dark' | 'light'): Promise<Browser> {
  const executablePath = process.env['FIREFOX_PATH'];
  if (!executablePath || !existsSync(executablePath))
    throw new Error(
      `The console Firefox tests need Firefox: install the Debian package \`firefox-esr\` (apt-get install firefox-esr; .ci/run does) and run under tools/scripts/with-services.sh, which sets FIREFOX_PATH=/usr/bin/firefox-esr (now: ${executablePath || 'unset'}).`,
    );
  return puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    extraPrefsFirefox: {
      // 0: dark, 1: light (the pages' prefers-color-scheme).
      'layout.css.prefers-color-scheme.content-override': theme === 'dark' ? 0 : 1,
      'intl.accept_languages': 'en-GB, en',
    },
  });
}

/** Every console error and uncaught exception of a page, to assert there is none. */
export function collectFirefoxErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${String(error)}`));
  return errors;
}
