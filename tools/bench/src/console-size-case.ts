import { gzipSync } from 'node:zlib';
import type { BenchSettings, CaseResult } from './case-result';
import { BENCH_PASSWORD, startEmulator, startGateway } from './stack';

/** The web console's first page may weigh this much, gzip-compressed (HTML + script + style). */
export const CONSOLE_FIRST_PAGE_BUDGET_BYTES = 150 * 1024;

async function fetchOk(url: string, cookie: string): Promise<Buffer> {
  const response = await fetch(url, { headers: { cookie } });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}

/**
 * What a browser downloads for the console's first page, as the built gateway serves it after
 * sign-in: the shell HTML, console.js and console.css (the page's JSON data aside), raw and
 * gzip-compressed; the budget is on the compressed total. Settings do not change it.
 */
export async function consoleSizeCase(_settings: BenchSettings): Promise<CaseResult> {
  const emulator = await startEmulator();
  let gateway: Awaited<ReturnType<typeof startGateway>> | undefined;
  try {
    gateway = await startGateway(emulator.url);
    const signIn = await fetch(`${gateway.url}/console/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ password: BENCH_PASSWORD }),
      redirect: 'manual',
    });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    if (signIn.status !== 303 || !cookie) throw new Error(`sign-in answered ${signIn.status}`);
    const files = await Promise.all(
      ['/console/', '/console/assets/console.js', '/console/assets/console.css'].map((path) =>
        fetchOk(`${gateway?.url}${path}`, cookie),
      ),
    );
    const raw = files.reduce((sum, file) => sum + file.length, 0);
    const gzip = files.reduce((sum, file) => sum + gzipSync(file, { level: 9 }).length, 0);
    return {
      name: 'web console, first page (HTML + JS + CSS)',
      target: `≤ ${CONSOLE_FIRST_PAGE_BUDGET_BYTES / 1024} KB gzip`,
      gateway: `${(gzip / 1024).toFixed(1)} KB gzip (${(raw / 1024).toFixed(1)} KB raw)`,
      floor: '—',
      ratio: `${((gzip / CONSOLE_FIRST_PAGE_BUDGET_BYTES) * 100).toFixed(0)} % of the budget`,
      met: gzip <= CONSOLE_FIRST_PAGE_BUDGET_BYTES,
    };
  } finally {
    await gateway?.stop();
    await emulator.stop();
  }
}
