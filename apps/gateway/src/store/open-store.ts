import { USAGE_COLUMNS } from './usage-columns';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type Insertable } from 'kysely';
import { Pool } from 'pg';
import { migrateToLatest, type StoreEngine } from './migrations';
import type { StoreDb, StoreSchema, UsageEventTable } from './store-schema';

/** The gateway's database: SQLite in DATA_DIR by default, PostgreSQL with DATABASE_URL. */
export interface Store {
  db: StoreDb;
  engine: StoreEngine;
  /** Where it lives, for logs: the SQLite file, or the PostgreSQL host/database (no password). */
  location: string;
  /**
   * Writes ledger rows in one transaction. SQLite runs one prepared statement per row (no query
   * building per batch: the ledger's hot write); PostgreSQL sends multi-row inserts.
   */
  insertUsage(rows: readonly UsageRow[]): Promise<void>;
  close(): Promise<void>;
}

/** One ledger row as written. */
export type UsageRow = Omit<Insertable<UsageEventTable>, 'id'>;

const ROWS_PER_INSERT = 500;

/** Options of {@link openStore}. */
export interface OpenStoreOptions {
  /** `postgres://…`; undefined means the embedded SQLite file. */
  databaseUrl: string | undefined;
  /** Directory of the SQLite file (created when missing). */
  dataDir: string;
}

/** The SQLite file's name inside DATA_DIR. */
export const SQLITE_FILE = 'geminicli2api.db';

/** A database that cannot be used: the message says which and what to do. */
export class StoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
  }
}

/** Opens (and migrates) the store; throws {@link StoreError} with a clear message. */
export async function openStore({ databaseUrl, dataDir }: OpenStoreOptions): Promise<Store> {
  return databaseUrl ? openPostgres(databaseUrl) : openSqlite(resolve(dataDir));
}

async function openSqlite(dir: string): Promise<Store> {
  const file = join(dir, SQLITE_FILE);
  let database: BetterSqlite3.Database;
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (error) {
    throw new StoreError(
      `The data directory ${dir} is not a writable directory (${reasonOf(error)}). ` +
        'Set DATA_DIR to a writable directory, fix its permissions, or set DATABASE_URL.',
      { cause: error },
    );
  }
  try {
    database = new BetterSqlite3(file);
    // WAL: readers never block the writer, and a crash (even kill -9) loses no committed write.
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    database.pragma('busy_timeout = 5000');
    database.pragma('quick_check(1)');
  } catch (error) {
    throw new StoreError(
      `The database file ${file} cannot be used (${reasonOf(error)}). If it is damaged, move it ` +
        'away (the gateway creates a new one) or restore a backup; if it is read-only, fix its ' +
        'permissions or set DATA_DIR to a writable directory.',
      { cause: error },
    );
  }
  const db = new Kysely<StoreSchema>({ dialect: new SqliteDialect({ database }) });
  await migrate(db, 'sqlite', file);
  const insert = database.prepare(
    `INSERT INTO usage_events (${USAGE_COLUMNS.join(', ')}) VALUES (${USAGE_COLUMNS.map((column) => `@${column}`).join(', ')})`,
  );
  const insertAll = database.transaction((rows: readonly UsageRow[]) => {
    for (const row of rows) insert.run(row);
  });
  return {
    db,
    engine: 'sqlite',
    location: file,
    insertUsage: async (rows) => {
      insertAll(rows);
    },
    close: () => db.destroy(),
  };
}

async function openPostgres(url: string): Promise<Store> {
  const location = describePostgres(url);
  const pool = new Pool({ connectionString: url, max: 10 });
  // An idle client's error (the server restarted) must not crash the process; queries report it.
  pool.on('error', () => undefined);
  const db = new Kysely<StoreSchema>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrate(db, 'postgres', location);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw error;
  }
  return {
    db,
    engine: 'postgres',
    location,
    insertUsage: (rows) =>
      db.transaction().execute(async (trx) => {
        for (let start = 0; start < rows.length; start += ROWS_PER_INSERT)
          await trx
            .insertInto('usage_events')
            .values(rows.slice(start, start + ROWS_PER_INSERT))
            .execute();
      }),
    close: () => db.destroy(),
  };
}

async function migrate(db: StoreDb, engine: StoreEngine, location: string): Promise<void> {
  try {
    await migrateToLatest(db as never, engine);
  } catch (error) {
    throw new StoreError(`The database at ${location} could not be prepared: ${reasonOf(error)}`, {
      cause: error,
    });
  }
}

/** Host, port and database of a PostgreSQL URL: never its user or password. */
export function describePostgres(url: string): string {
  try {
    const parsed = new URL(url);
    return `postgres://${parsed.host}${parsed.pathname}`;
  } catch {
    return 'postgres (unparsable DATABASE_URL)';
  }
}

function reasonOf(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message;
}
