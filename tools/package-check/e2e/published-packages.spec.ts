import { execFile } from 'node:child_process';
import {
  cpSync,
  existsSync,
  readdirSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { importMapFor } from './support/import-map';
import { startLocalRegistry, type LocalRegistry } from './support/local-registry';
import { npmOk } from './support/run-npm';
import { serveDirectory, type StaticServer } from './support/static-server';

// The five libraries as a stranger gets them: built (this target depends on their build),
// published to a local registry, installed into an empty project from it.
const repo = join(__dirname, '..', '..', '..');
const LIBRARIES = [
  'protocol-openai',
  'protocol-anthropic',
  'protocol-gemini',
  'translator',
  'oauth-store',
];
const run = promisify(execFile);

let work: string;
let registry: LocalRegistry;
let consumer: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'package-check-'));
  mkdirSync(join(work, 'registry'));
  registry = await startLocalRegistry(join(work, 'registry'));
  const host = registry.url.replace(/^http:/, '');
  const auth = `--${host}:_authToken=${registry.token}`;
  for (const library of LIBRARIES) {
    const folder = join(repo, 'libs', library);
    if (!existsSync(join(folder, 'dist', 'index.mjs')))
      throw new Error(`libs/${library} is not built: run its build (the e2e target does)`);
    await npmOk(['publish', folder, `--registry=${registry.url}`, auth, '--ignore-scripts'], work);
  }

  consumer = join(work, 'consumer');
  cpSync(join(__dirname, 'consumer'), consumer, { recursive: true });
  writeFileSync(
    join(consumer, 'package.json'),
    JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }),
  );
  // Our scope from the local registry; zod, google-auth-library… from the user's registry, served
  // from npm's cache when it holds them (it does after `npm ci`).
  writeFileSync(
    join(consumer, '.npmrc'),
    `@geminicli2api:registry=${registry.url}\n${host}:_authToken=${registry.token}\n`,
  );
  const version = JSON.parse(
    readFileSync(join(repo, 'libs', 'translator', 'package.json'), 'utf8'),
  ).version;
  await npmOk(
    [
      'install',
      '--prefer-offline',
      '--ignore-scripts',
      `@geminicli2api/translator@${version}`,
      `@geminicli2api/oauth-store@${version}`,
      'zod@4.6.7',
      '@types/node@20.19.9',
    ],
    consumer,
  );
}, 240_000);

afterAll(async () => {
  await registry?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the libraries installed from a registry into a fresh project', () => {
  it('installs all five from the local registry: the tarballs we published, dist and no sources', async () => {
    const lock = JSON.parse(readFileSync(join(consumer, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version: string; integrity: string }>;
    };
    for (const library of LIBRARIES) {
      const name = `@geminicli2api/${library}`;
      const installed = lock.packages[`node_modules/${name}`];
      const response = await fetch(`${registry.url}${name.replace('/', '%2f')}`);
      const published = (await response.json()) as {
        versions: Record<string, { dist: { integrity: string } }>;
      };
      expect(installed?.integrity).toBe(
        published.versions[installed?.version ?? '']?.dist.integrity,
      );
      const folder = join(consumer, 'node_modules', name);
      expect(existsSync(join(folder, 'dist', 'index.js'))).toBe(true);
      expect(existsSync(join(folder, 'dist', 'index.mjs'))).toBe(true);
      expect(existsSync(join(folder, 'src'))).toBe(false);
    }
  });

  it('ships CommonJS as fast as its ES modules: no transpiled optional chaining', () => {
    // A CommonJS build converted by sucrase rewrites every `?.` into calls of an `_optionalChain`
    // helper (an array and closures per access); the translator's ran 20–30 % slower for it.
    for (const library of LIBRARIES) {
      const dist = join(consumer, 'node_modules', '@geminicli2api', library, 'dist');
      for (const file of readdirSync(dist).filter((name) => name.endsWith('.js')))
        expect({
          file: `${library}/${file}`,
          helper: readFileSync(join(dist, file), 'utf8').includes('_optionalChain'),
        }).toEqual({ file: `${library}/${file}`, helper: false });
    }
  });

  it('converts a request from CommonJS, with the error class and oauth-store working', async () => {
    const { stdout } = await run(process.execPath, ['cjs.cjs'], { cwd: consumer });
    const result = JSON.parse(stdout);
    expect(result.request.systemInstruction).toEqual({
      role: 'user',
      parts: [{ text: 'Answer briefly.' }],
    });
    expect(result.request.contents).toEqual([
      { role: 'user', parts: [{ text: 'Name a prime number.' }] },
    ]);
    expect(result.request.generationConfig.temperature).toBe(0.2);
    expect(result.rejected).toEqual({ isTranslationError: true, param: 'top_logprobs' });
    expect(result.refreshToken).toBe('r');
  });

  it('converts both ways from ES modules, `./internal` included', async () => {
    const { stdout } = await run(process.execPath, ['esm.mjs'], { cwd: consumer });
    const result = JSON.parse(stdout);
    expect(result.request.contents[0].parts[0].text).toBe('Name a prime number.');
    expect(result).toMatchObject({ answer: '7', totalTokens: 6, sanitized: expect.any(String) });
    expect(result.reverse).toEqual({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Hello' }],
    });
  });

  it('type-checks a TypeScript consumer (tsc --noEmit, nodenext, strict, CJS and ESM types)', async () => {
    const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = await run(process.execPath, [tsc, '--noEmit', '-p', 'tsconfig.json'], {
      cwd: consumer,
    }).catch((error: { stdout?: string; code?: number }) => ({
      stdout: error.stdout ?? '',
      code: error.code,
    }));
    expect(result.stdout).toBe('');
  });
});

describe('the published ES module build in headless Chromium', () => {
  let browser: Browser;
  let server: StaticServer;

  beforeAll(async () => {
    const executablePath = process.env['CHROMIUM_PATH'];
    if (!executablePath || !existsSync(executablePath))
      throw new Error(
        'CHROMIUM_PATH is not set to a Chromium binary: install the Debian package `chromium` ' +
          'and run the tests through tools/scripts/with-services.sh (npm test does)',
      );
    const map = importMapFor(consumer, [
      '@geminicli2api/translator',
      '@geminicli2api/protocol-gemini',
      '@geminicli2api/protocol-openai',
      '@geminicli2api/protocol-anthropic',
      'zod',
      'eventsource-parser',
    ]);
    writeFileSync(
      join(consumer, 'index.html'),
      `<!doctype html><script type="importmap">${JSON.stringify({ imports: map })}</script>` +
        '<script type="module" src="/browser-check.mjs"></script>',
    );
    server = await serveDirectory(consumer);
    browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('converts a request and a split byte stream, loading only the published files', async () => {
    const page = await browser.newPage();
    const failures: string[] = [];
    page.on('pageerror', (error) => failures.push(error.message));
    await page.goto(`${server.url}index.html`);
    await page.waitForFunction(() => (globalThis as { __result?: unknown }).__result, null, {
      timeout: 30_000,
    });
    const result = await page.evaluate(() => (globalThis as { __result?: unknown }).__result);
    expect(failures).toEqual([]);
    expect(result).not.toHaveProperty('error');
    const { request, chunks, nodeGlobals } = result as {
      request: { systemInstruction: unknown; generationConfig: { maxOutputTokens: number } };
      chunks: {
        choices: { delta: { content?: string }; finish_reason: string | null }[];
        usage?: { total_tokens: number } | null;
      }[];
      nodeGlobals: boolean;
    };
    expect(nodeGlobals).toBe(false);
    expect(request.systemInstruction).toEqual({
      role: 'user',
      parts: [{ text: 'Answer briefly.' }],
    });
    expect(request.generationConfig.maxOutputTokens).toBe(50);
    const text = chunks
      .flatMap((chunk) => chunk.choices.map((choice) => choice.delta.content ?? ''))
      .join('');
    expect(text).toBe('Hello ✓');
    expect(
      chunks.some((chunk) => chunk.choices.some((choice) => choice.finish_reason === 'stop')),
    ).toBe(true);
    expect(chunks.at(-1)?.usage?.total_tokens).toBe(5);
    const loaded = server.requested.filter((path) => path.includes('@geminicli2api'));
    expect(loaded).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/node_modules\/@geminicli2api\/translator\/dist\/.+\.mjs$/),
        expect.stringMatching(
          /^\/node_modules\/@geminicli2api\/protocol-gemini\/dist\/index\.mjs$/,
        ),
      ]),
    );
  });
});
