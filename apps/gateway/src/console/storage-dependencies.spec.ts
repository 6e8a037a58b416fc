import { storageDependencies } from './storage-dependencies';

const sqlite = { engine: 'sqlite', location: '/data/geminicli2api.db' };

describe('storageDependencies (the console overview)', () => {
  it('shows a working database and no Redis as ok / not used', () => {
    expect(
      storageDependencies({
        database: sqlite,
        usage_ledger: { status: 'ok', pending: 0, dropped: 0 },
      }),
    ).toEqual([
      { name: 'database', state: 'ok', detail: 'sqlite (/data/geminicli2api.db)' },
      {
        name: 'redis',
        state: 'not-configured',
        detail: 'This gateway uses no Redis.',
        reason: { code: 'redis-not-used', values: {} },
      },
    ]);
  });

  it('shows a database refusing ledger writes as degraded with the backlog, and a lost Redis as down', () => {
    const [database, redis] = storageDependencies({
      database: { engine: 'postgres', location: 'db.internal:5432' },
      usage_ledger: { status: 'failing', pending: 7, dropped: 0, lastError: 'relation missing' },
      redis: { url: 'redis://cache:6379', status: 'reconnecting' },
    });
    expect(database).toEqual({
      name: 'database',
      state: 'degraded',
      detail: 'postgres (db.internal:5432) refuses usage writes; 7 events wait in memory.',
      reason: {
        code: 'database-refuses-writes',
        values: { database: 'postgres (db.internal:5432)', pending: 7 },
      },
    });
    expect(redis).toEqual({
      name: 'redis',
      state: 'down',
      detail: 'redis://cache:6379: reconnecting',
    });
  });
});
