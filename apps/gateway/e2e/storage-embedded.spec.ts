import { spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startEmulator, type Emulator } from '@geminicli2api/emulator';
import { openStore } from '../src/store/open-store';
import { admin } from '../test/support/admin-client';
import { startGatewayProcess } from '../test/support/gateway-process';
import { demoCredentials, postJson, startStack, type Stack } from '../test/support/start-stack';

const MAIN = resolve(__dirname, '../dist/main.js');
const PASSWORD = 'embedded-password-1';
const chat = { model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'hi' }] };

describe('the embedded database (SQLite in DATA_DIR)', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({});
  });
  afterAll(() => emulator.close());

  it('survives kill -9 while the ledger is being written, and the next start serves on it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'embedded-'));
    const env = {
      GEMINI_AUTH_PASSWORD: PASSWORD,
      CODE_ASSIST_ENDPOINT: emulator.url,
      GEMINI_CREDENTIALS: demoCredentials(emulator),
      GEMINI_QUOTA_REFRESH_MS: '0',
      USAGE_FLUSH_MS: '10',
    };
    const first = await startGatewayProcess(env, dir);
    const target = { url: first.url, password: PASSWORD };
    let stop = false;
    let answered = 0;
    const load = Array.from({ length: 8 }, async () => {
      while (!stop) {
        const response = await postJson(target, '/v1/chat/completions', chat).catch(
          () => undefined,
        );
        if (response?.status === 200) answered++;
      }
    });
    while (answered < 60) await new Promise((done) => setTimeout(done, 20));
    // Mid-write: requests in flight, the ledger flushing every 10 ms.
    first.child.kill('SIGKILL');
    stop = true;
    await Promise.all(load);

    const store = await openStore({ databaseUrl: undefined, dataDir: join(dir, 'data') });
    const rows = await store.db
      .selectFrom('usage_events')
      .select((select) => select.fn.countAll().as('count'))
      .executeTakeFirstOrThrow();
    expect(Number(rows.count)).toBeGreaterThan(0);
    await store.close();

    const second = await startGatewayProcess(env, dir);
    try {
      expect(
        (await postJson({ url: second.url, password: PASSWORD }, '/v1/chat/completions', chat))
          .status,
      ).toBe(200);
      const recent = await admin(
        { url: second.url, password: PASSWORD },
        'GET',
        '/admin/requests?limit=1000',
      );
      expect(recent.body.data.length).toBeGreaterThan(Number(rows.count));
    } finally {
      await second.stop();
    }
  }, 60_000);

  it('a corrupt database file or an unusable data dir stops the start with a clear message', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'corrupt-'));
    await writeFile(join(dir, 'geminicli2api.db'), 'garbage '.repeat(512));
    const start = (dataDir: string) =>
      spawnSync(process.execPath, [MAIN], {
        cwd: dir,
        env: {
          PATH: process.env['PATH'] ?? '',
          HOME: dir,
          PORT: '0',
          HOST: '127.0.0.1',
          DATA_DIR: dataDir,
          GEMINI_AUTH_PASSWORD: PASSWORD,
        },
        encoding: 'utf8',
        timeout: 20_000,
      });
    const corrupt = start(dir);
    expect(corrupt.status).toBe(1);
    expect(corrupt.stderr).toContain(
      `The database file ${join(dir, 'geminicli2api.db')} cannot be used`,
    );
    expect(corrupt.stderr).toContain('file is not a database');

    const unusable = start(join(dir, 'geminicli2api.db'));
    expect(unusable.status).toBe(1);
    expect(unusable.stderr).toContain('is not a writable directory');
  });
});

describe('a stream the client leaves early', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      env: { USAGE_FLUSH_MS: '10' },
      emulator: { streamChunkCount: 20, chunkDelayMs: 100 },
    });
  });
  afterAll(() => stack.close());

  it('is recorded in the ledger with the usage it had reached', async () => {
    const response = await postJson(stack, '/v1/chat/completions', { ...chat, stream: true });
    expect(response.status).toBe(200);
    const reader = response.body?.getReader();
    if (!reader) throw new Error('no body');
    await reader.read();
    await reader.read();
    await reader.cancel();
    let row: { status: number; prompt_tokens: number; completion_tokens: number } | undefined;
    for (let attempt = 0; attempt < 100 && !row; attempt++) {
      await new Promise((done) => setTimeout(done, 50));
      row = (await admin(stack, 'GET', '/admin/requests?limit=1')).body.data[0];
    }
    expect(row).toMatchObject({ status: 200, key_name: 'admin', surface: 'openai' });
    expect(row?.prompt_tokens).toBeGreaterThan(0);
    expect(row?.completion_tokens).toBeGreaterThan(0);
  });
});
