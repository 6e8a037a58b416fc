import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import { startStack, type Stack } from './support/start-stack';

/**
 * A small run of the fuzzer of `npm run reliability` (tools/bench/src/reliability.ts, bundled
 * from source) against a gateway on the emulator, so the tool keeps working: every request
 * answered, none with a 5xx, the gateway healthy after.
 */
describe('npm run reliability -- --only fuzz (smoke)', () => {
  let stack: Stack;
  let tool: string;
  beforeAll(async () => {
    tool = join(mkdtempSync(join(tmpdir(), 'reliability-')), 'reliability.js');
    buildSync({
      entryPoints: [resolve(__dirname, '../../../tools/bench/src/reliability.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: tool,
      logLevel: 'silent',
      conditions: ['@geminicli2api/source'],
    });
    stack = await startStack({ env: { SSE_KEEPALIVE_INTERVAL_MS: '0' } });
  });
  afterAll(() => stack.close());

  const run = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
      execFile(process.execPath, [tool, ...args], { timeout: 60_000 }, (error, stdout, stderr) =>
        done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });

  it('sends the generated requests and reports no 5xx', async () => {
    const args = ['--only', 'fuzz', '--fuzz', '400', '--json', '--target', stack.url];
    const { code, stdout } = await run([...args, '--password', stack.password]);
    expect(code).toBe(0);
    const { fuzz } = JSON.parse(stdout) as {
      fuzz: { sent: number; statuses: Record<string, number>; fiveXx: number; failures: string[] };
    };
    expect(fuzz).toMatchObject({ sent: 400, fiveXx: 0, transportErrors: 0, healthyAfter: true });
    expect(fuzz.failures).toEqual([]);
    // A mix: refused (400, 401, 404) and served (200).
    for (const status of ['200', '400', '401', '404'])
      expect(fuzz.statuses[status]).toBeGreaterThan(0);
  }, 90_000);

  it('refuses a target that is not on loopback, sending nothing', async () => {
    const { code, stderr } = await run([
      '--only',
      'fuzz',
      '--fuzz',
      '1',
      '--target',
      'http://192.0.2.1:9',
      '--password',
      'x',
    ]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/only targets http:\/\/127\.0\.0\.1/);
  });
});
