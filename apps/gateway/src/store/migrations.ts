import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';

/** Which engine a migration runs on (the few types that differ). */
export type StoreEngine = 'sqlite' | 'postgres';

/**
 * The schema's versions, applied in order at start (Kysely records them in
 * `kysely_migration`). Never edit a released one: add the next.
 */
function migrations(engine: StoreEngine): Record<string, Migration> {
  return {
    '0001_keys_and_usage': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('api_keys')
          .addColumn('id', 'text', (column) => column.primaryKey())
          .addColumn('name', 'text', (column) => column.notNull())
          .addColumn('prefix', 'text', (column) => column.notNull())
          .addColumn('hash', 'text', (column) => column.notNull())
          .addColumn('models', 'text')
          .addColumn('rpm', 'bigint')
          .addColumn('tpm', 'bigint')
          .addColumn('daily_tokens', 'bigint')
          .addColumn('expires_at', 'text')
          .addColumn('created_at', 'text', (column) => column.notNull())
          .addColumn('last_used_at', 'text')
          .addColumn('revoked_at', 'text')
          .execute();
        await db.schema
          .createTable('usage_events')
          .addColumn('id', engine === 'postgres' ? 'bigserial' : 'integer', (column) =>
            engine === 'postgres' ? column.primaryKey() : column.primaryKey().autoIncrement(),
          )
          .addColumn('time', 'text', (column) => column.notNull())
          .addColumn('request_id', 'text', (column) => column.notNull())
          .addColumn('key_id', 'text')
          .addColumn('key_name', 'text')
          .addColumn('surface', 'text', (column) => column.notNull())
          .addColumn('model', 'text', (column) => column.notNull())
          .addColumn('served_model', 'text')
          .addColumn('backend', 'text', (column) => column.notNull())
          .addColumn('account', 'text')
          .addColumn('status', 'integer', (column) => column.notNull())
          .addColumn('prompt_tokens', 'bigint', (column) => column.notNull())
          .addColumn('completion_tokens', 'bigint', (column) => column.notNull())
          .addColumn('reasoning_tokens', 'bigint', (column) => column.notNull())
          .addColumn('cached_tokens', 'bigint', (column) => column.notNull())
          .addColumn('latency_ms', engine === 'postgres' ? 'double precision' : 'real', (column) =>
            column.notNull(),
          )
          .execute();
        await db.schema
          .createIndex('usage_events_time')
          .on('usage_events')
          .column('time')
          .execute();
        await db.schema
          .createIndex('usage_events_key_time')
          .on('usage_events')
          .columns(['key_id', 'time'])
          .execute();
      },
    },
  };
}

/** Brings the schema up to date; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<unknown>, engine: StoreEngine): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => migrations(engine) };
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName;
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`database migration ${failed ?? ''} failed: ${reason}`.replace('  ', ' '));
  }
}
