import { startEmulator, type Emulator } from '@geminicli2api/emulator';
import { transform } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractCodeBlocks } from '../src';
import {
  freePort,
  runToEnd,
  startProcess,
  waitForHealthy,
  type RunningProcess,
} from '../test/support/processes';

const repo = join(__dirname, '..', '..', '..');
const blocks = extractCodeBlocks(readFileSync(join(repo, 'docs', 'api.md'), 'utf8'));
const curlExamples = blocks.filter(
  (block) => ['bash', 'sh', 'shell'].includes(block.language) && /\bcurl\b/.test(block.code),
);
const sdkExamples = blocks.filter(
  (block) =>
    ['ts', 'typescript'].includes(block.language) &&
    /from ['"](openai|@google\/genai|@anthropic-ai\/sdk)['"]/.test(block.code),
);
const title = (block: { heading: string; line: number }): string =>
  `${block.heading} (docs/api.md:${block.line})`;

/** Marks each curl's HTTP status on its own line, so every call of an example is checked. */
const CURL_PRELUDE = `set -eo pipefail
curl() { command curl --silent --show-error --write-out '\\n@@status %{http_code}\\n' "$@"; }
`;

describe('docs/api.md examples, run against a demo gateway', () => {
  const password = 'docs-example-password';
  let emulator: Emulator;
  let gateway: RunningProcess;
  let scratch: string;
  let baseUrl: string;

  beforeAll(async () => {
    // The API key serves what Code Assist cannot (embeddings), as GEMINI_FAILOVER_TO_API_KEY does.
    emulator = await startEmulator({ apiKeys: ['docs-example-api-key'] });
    scratch = mkdtempSync(join(tmpdir(), 'docs-check-api-'));
    // SDK examples are ES modules: resolve 'openai', '@google/genai' and '@anthropic-ai/sdk' from the repo.
    symlinkSync(join(repo, 'node_modules'), join(scratch, 'node_modules'), 'dir');
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    gateway = startProcess(process.execPath, [join(repo, 'apps', 'gateway', 'dist', 'main.js')], {
      cwd: scratch,
      env: {
        PATH: process.env['PATH'],
        HOME: scratch,
        PORT: String(port),
        HOST: '127.0.0.1',
        GEMINI_AUTH_PASSWORD: password,
        GEMINI_CREDENTIALS: JSON.stringify({
          refresh_token: 'demo-refresh-token',
          token_uri: emulator.tokenUrl,
          client_id: 'x',
          client_secret: 'y',
        }),
        CODE_ASSIST_ENDPOINT: emulator.url,
        GEMINI_API_KEY: 'docs-example-api-key',
        GOOGLE_GEMINI_BASE_URL: emulator.url,
        GEMINI_FAILOVER_TO_API_KEY: 'true',
      },
    });
    await waitForHealthy(`${baseUrl}/health`, gateway);
  }, 60_000);

  afterAll(async () => {
    await gateway?.stop();
    await emulator?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  const exampleEnv = (): NodeJS.ProcessEnv => ({
    PATH: process.env['PATH'],
    HOME: scratch,
    GEMINI_AUTH_PASSWORD: password,
  });
  const localise = (code: string): string => code.replaceAll('http://localhost:8888', baseUrl);

  it('has curl and SDK examples for the three client libraries', () => {
    expect(curlExamples.length).toBeGreaterThan(0);
    expect(sdkExamples.some((block) => block.code.includes("from '@anthropic-ai/sdk'"))).toBe(true);
    expect(sdkExamples.some((block) => block.code.includes("from 'openai'"))).toBe(true);
    expect(sdkExamples.some((block) => block.code.includes("from '@google/genai'"))).toBe(true);
  });

  it.each(curlExamples.map((block) => [title(block), block] as const))(
    'curl: %s',
    async (_title, block) => {
      const result = await runToEnd('bash', ['-c', CURL_PRELUDE + localise(block.code)], {
        cwd: scratch,
        env: exampleEnv(),
      });
      const statuses = [...result.stdout.matchAll(/@@status (\d+)/g)].map((match) =>
        Number(match[1]),
      );
      expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
      expect(statuses.length).toBeGreaterThan(0);
      expect(statuses.filter((status) => status < 200 || status > 299)).toEqual([]);
    },
  );

  it.each(sdkExamples.map((block) => [title(block), block] as const))(
    'sdk: %s',
    async (_title, block) => {
      const { code } = await transform(localise(block.code), {
        loader: 'ts',
        format: 'esm',
        target: 'node20',
      });
      const file = join(scratch, `example-${block.line}.mjs`);
      writeFileSync(file, code);
      const result = await runToEnd(process.execPath, [file], { cwd: scratch, env: exampleEnv() });
      expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
      expect(result.stdout.trim()).not.toBe('');
    },
  );
});
