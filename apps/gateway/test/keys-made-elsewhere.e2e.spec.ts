import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeyRepository } from '../src/keys/key-repository';
import { openStore } from '../src/store/open-store';
import { postJson, startStack, type Stack } from './support/start-stack';

const chat = { model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'hi' }] };

describe('a key made outside this process (npm run keys, another replica)', () => {
  let stack: Stack;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'keys-elsewhere-'));
    // No periodic reload: only an unknown key makes the gateway look again.
    stack = await startStack({ env: { DATA_DIR: dataDir, KEYS_RELOAD_MS: '0' } });
  });
  afterAll(() => stack.close());

  it('works within a moment of its first use, without waiting for a reload', async () => {
    const store = await openStore({ databaseUrl: undefined, dataDir });
    const { key } = await new KeyRepository(store.db).create({ name: 'from-the-cli' });
    await store.close();
    const client = { url: stack.url, password: key };
    let status = (await postJson(client, '/v1/chat/completions', chat)).status;
    for (let attempt = 0; attempt < 40 && status === 401; attempt++) {
      await new Promise((done) => setTimeout(done, 50));
      status = (await postJson(client, '/v1/chat/completions', chat)).status;
    }
    expect(status).toBe(200);
    // A made-up key of the same shape stays refused.
    const forged = { url: stack.url, password: `${key.slice(0, 20)}${'A'.repeat(28)}` };
    expect((await postJson(forged, '/v1/chat/completions', chat)).status).toBe(401);
  });
});
