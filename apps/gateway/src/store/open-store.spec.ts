import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeyRepository } from '../keys/key-repository';
import { keyIdOf, keyMatches } from '../keys/key-secret';
import { usageEvent } from '../../test/support/ledger-fixtures';
import { freshPostgresDatabase } from '../../test/support/services';
import { openStore, SQLITE_FILE, StoreError, type Store } from './open-store';

async function emptyDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'store-'));
}

describe('openStore (SQLite)', () => {
  it('creates the data directory and file, and opens again on the migrated schema', async () => {
    const dir = join(await emptyDir(), 'nested', 'data');
    const first = await openStore({ databaseUrl: undefined, dataDir: dir });
    expect(first.location).toBe(join(dir, SQLITE_FILE));
    await new KeyRepository(first.db).create({ name: 'kept' });
    await first.close();
    const again = await openStore({ databaseUrl: undefined, dataDir: dir });
    expect((await new KeyRepository(again.db).list()).map((key) => key.name)).toEqual(['kept']);
    await again.close();
  });

  it('a data directory that is a file is a clear start-up error', async () => {
    const file = join(await emptyDir(), 'not-a-dir');
    await writeFile(file, 'x');
    const error = await openStore({ databaseUrl: undefined, dataDir: file }).catch((e) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(error.message).toContain(`The data directory ${file} is not a writable directory`);
    expect(error.message).toContain('DATA_DIR');
  });

  it('a corrupt database file is a clear start-up error naming it', async () => {
    const dir = await emptyDir();
    await writeFile(join(dir, SQLITE_FILE), 'this is not a database '.repeat(100));
    const error = await openStore({ databaseUrl: undefined, dataDir: dir }).catch((e) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(error.message).toContain(join(dir, SQLITE_FILE));
    expect(error.message).toMatch(/not a database/);
    expect(error.message).toContain('move it away');
  });
});

describe('openStore (PostgreSQL)', () => {
  it('an unreachable server is a clear error that never shows the password', async () => {
    const error = await openStore({
      databaseUrl: 'postgres://user:s3cret-pw@127.0.0.1:1/nothing',
      dataDir: await emptyDir(),
    }).catch((e) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(error.message).toContain('postgres://127.0.0.1:1/nothing');
    expect(error.message).not.toContain('s3cret-pw');
  });
});

describe.each(['sqlite', 'postgres'] as const)('keys on %s', (engine) => {
  let store: Store;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    if (engine === 'postgres') {
      const database = await freshPostgresDatabase();
      drop = database.drop;
      store = await openStore({ databaseUrl: database.url, dataDir: await emptyDir() });
    } else store = await openStore({ databaseUrl: undefined, dataDir: await emptyDir() });
  });
  afterAll(async () => {
    await store?.close();
    await drop?.();
  });

  it('stores only a hash; updates, revokes and counts today’s usage', async () => {
    const keys = new KeyRepository(store.db);
    const { key, record } = await keys.create({ name: 'alice', models: ['gemini-*'], rpm: 5 });
    expect(keyIdOf(key)).toBe(record.id);
    expect(keyMatches(key, record.hash)).toBe(true);
    const other = key.endsWith('x') ? 'y' : 'x';
    expect(keyMatches(`${key.slice(0, -1)}${other}`, record.hash)).toBe(false);
    const rows = await store.db.selectFrom('api_keys').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(key.slice(16));

    const updated = await keys.update(record.id, { rpm: null, daily_tokens: 1000, tpm: 1e12 });
    expect(updated).toMatchObject({
      rpm: null,
      tpm: 1e12,
      dailyTokens: 1000,
      models: ['gemini-*'],
    });
    await store.db
      .insertInto('usage_events')
      .values(
        usageEvent({
          request_id: 'r1',
          key_id: record.id,
          key_name: 'alice',
          prompt_tokens: 7,
          completion_tokens: 5,
          latency_ms: 12.5,
        }),
      )
      .execute();
    expect((await keys.view(record.id)).usage_today).toEqual({ requests: 1, tokens: 12 });
    const revoked = await keys.revoke(record.id);
    expect(revoked.revokedAt).toEqual(expect.any(String));
    // A revoked key's name may be used again.
    await expect(keys.create({ name: 'alice' })).resolves.toBeTruthy();
    await expect(keys.create({ name: 'alice' })).rejects.toThrow(/exists already/);
  });
});
