import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/store/open-store';
import { usageEvent } from './support/ledger-fixtures';
import { admin } from './support/admin-client';
import { postJson, startStack } from './support/start-stack';

const DAY = 86_400_000;

const row = (time: number, id: string) =>
  usageEvent({ time: new Date(time).toISOString(), request_id: id });

describe('USAGE_RETENTION_DAYS', () => {
  it('deletes ledger rows older than the retention when the gateway starts, and keeps recording', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'retention-e2e-'));
    const seeded = await openStore({ databaseUrl: undefined, dataDir });
    await seeded.insertUsage([row(Date.now() - 40 * DAY, 'old'), row(Date.now() - DAY, 'recent')]);
    await seeded.close();

    const stack = await startStack({
      env: { DATA_DIR: dataDir, USAGE_RETENTION_DAYS: '30', USAGE_FLUSH_MS: '20' },
    });
    try {
      const chat = { model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'hi' }] };
      expect((await postJson(stack, '/v1/chat/completions', chat)).status).toBe(200);
      const from = new Date(Date.now() - 400 * DAY).toISOString();
      let days: string[] = [];
      for (let attempt = 0; attempt < 100; attempt++) {
        const usage = await admin(stack, 'GET', `/admin/usage?group_by=day&from=${from}`);
        days = usage.body.data.map((entry: { day: string }) => entry.day).sort();
        if (days.length === 2) break;
        await new Promise((done) => setTimeout(done, 20));
      }
      const today = new Date().toISOString().slice(0, 10);
      const yesterday = new Date(Date.now() - DAY).toISOString().slice(0, 10);
      expect(days).toEqual([yesterday, today].sort());
      expect(stack.logs()).toContain('usage ledger: old rows deleted');
    } finally {
      await stack.close();
    }
  });
});
