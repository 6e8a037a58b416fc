import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store, type UsageRow } from '../../src/store/open-store';
import { freshPostgresDatabase } from './services';

/** One usage ledger row: a successful OpenAI request of the admin password, unless `fields` say. */
export function usageEvent(fields: Partial<UsageRow> = {}): UsageRow {
  return {
    time: new Date().toISOString(),
    request_id: 'r',
    key_id: null,
    key_name: null,
    surface: 'openai',
    model: 'gemini-2.5-flash',
    served_model: null,
    backend: 'code-assist',
    account: null,
    status: 200,
    prompt_tokens: 1,
    completion_tokens: 1,
    reasoning_tokens: 0,
    cached_tokens: 0,
    latency_ms: 1,
    ...fields,
  };
}

/** A fresh store of each engine, for specs that must hold on both (`describe.each`). */
export const STORE_ENGINES: [string, () => Promise<{ store: Store; drop(): Promise<void> }>][] = [
  [
    'SQLite',
    async () => ({
      store: await openStore({
        databaseUrl: undefined,
        dataDir: await mkdtemp(join(tmpdir(), 'store-')),
      }),
      drop: async () => undefined,
    }),
  ],
  [
    'PostgreSQL',
    async () => {
      const database = await freshPostgresDatabase();
      const store = await openStore({ databaseUrl: database.url, dataDir: tmpdir() });
      return { store, drop: () => database.drop() };
    },
  ],
];
