import { Client } from 'pg';
import { admin } from './support/admin-client';
import { freshPostgresDatabase } from './support/services';
import { postJson, startStack, type Stack } from './support/start-stack';

const chat = { model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'hi' }] };

describe('the usage ledger while its database fails (PostgreSQL)', () => {
  let stack: Stack;
  let database: { url: string; drop(): Promise<void> };
  let sql: Client;
  beforeAll(async () => {
    database = await freshPostgresDatabase();
    stack = await startStack({ env: { DATABASE_URL: database.url, USAGE_FLUSH_MS: '20' } });
    sql = new Client({ connectionString: database.url });
    await sql.connect();
  });
  afterAll(async () => {
    await sql?.end();
    await stack?.close();
    await database?.drop();
  });

  const health = async () =>
    (await (await fetch(`${stack.url}/health`)).json()) as {
      status: string;
      storage: { database: { engine: string }; usage_ledger: { status: string; pending: number } };
    };

  it('answers every client, says so in the log and /health, and writes the backlog once the database is back', async () => {
    expect((await health()).storage.database.engine).toBe('postgres');
    await sql.query('ALTER TABLE usage_events RENAME TO usage_events_away');
    const statuses = [];
    for (let index = 0; index < 5; index++)
      statuses.push((await postJson(stack, '/v1/chat/completions', chat)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    let state = await health();
    for (
      let attempt = 0;
      attempt < 100 && state.storage.usage_ledger.status !== 'failing';
      attempt++
    ) {
      await new Promise((done) => setTimeout(done, 20));
      state = await health();
    }
    expect(state.status).toBe('ok');
    expect(state.storage.usage_ledger).toMatchObject({ status: 'failing', pending: 5 });
    expect(stack.logs()).toContain('usage ledger: database write failed');

    await sql.query('ALTER TABLE usage_events_away RENAME TO usage_events');
    for (let attempt = 0; attempt < 100 && state.storage.usage_ledger.status !== 'ok'; attempt++) {
      await new Promise((done) => setTimeout(done, 20));
      state = await health();
    }
    expect(state.storage.usage_ledger).toMatchObject({ status: 'ok', pending: 0 });
    const recent = await admin(stack, 'GET', '/admin/requests?limit=100');
    expect(recent.body.data).toHaveLength(5);
  });

  it('answers the admin API with a 503 naming the database while it fails, never a 500', async () => {
    await sql.query('ALTER TABLE usage_events RENAME TO usage_events_away');
    await sql.query('ALTER TABLE api_keys RENAME TO api_keys_away');
    try {
      for (const path of ['/admin/usage', '/admin/requests', '/admin/keys']) {
        const answer = await admin(stack, 'GET', path);
        expect({ path, status: answer.status }).toEqual({ path, status: 503 });
        expect(answer.body.error.code).toBe('storage_unavailable');
        expect(answer.body.error.message).toMatch(
          /^The database \(PostgreSQL at postgres:\/\/127\.0\.0\.1:\d+\/g2a_\w+\) did not answer/,
        );
        expect(answer.body.error.message).not.toContain(database.url);
      }
      const created = await admin(stack, 'POST', '/admin/keys', { name: 'while-down' });
      expect(created.status).toBe(503);
      // Model requests are still served.
      expect((await postJson(stack, '/v1/chat/completions', chat)).status).toBe(200);
    } finally {
      await sql.query('ALTER TABLE usage_events_away RENAME TO usage_events');
      await sql.query('ALTER TABLE api_keys_away RENAME TO api_keys');
    }
    expect((await admin(stack, 'GET', '/admin/keys')).status).toBe(200);
    // A body that is not JSON stays the client's 400, not a database 503.
    const malformed = await fetch(`${stack.url}/admin/keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.password}`, 'content-type': 'application/json' },
      body: '{"name":',
    });
    expect(malformed.status).toBe(400);
  });
});
