import { z } from 'zod';
import { optionalText, unsetWhenBlank, wholeNumber } from './config-env-schemas';

/** Storage and shared state: the database (keys, usage ledger) and Redis (replicas). */
export const storageEnvSchema = {
  DATA_DIR: unsetWhenBlank(z.string().trim().default('./data')),
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(
        /^postgres(ql)?:\/\//,
        'must be a PostgreSQL URL such as postgres://user:password@host:5432/db (unset for the embedded SQLite file)',
      )
      .optional(),
  ),
  REDIS_URL: optionalText.pipe(
    z
      .string()
      .regex(/^rediss?:\/\//, 'must be a Redis URL such as redis://host:6379')
      .optional(),
  ),
  KEYS_RELOAD_MS: wholeNumber(5000, 0, 3_600_000),
  USAGE_FLUSH_MS: wholeNumber(1000, 10, 600_000),
  USAGE_RETENTION_DAYS: wholeNumber(0, 0, 36_500),
};

/** The storage part of the gateway's `Config`. */
export interface StorageConfig {
  /** SQLite's directory (relative paths are from the working directory). */
  dataDir: string;
  /** PostgreSQL instead of SQLite (`DATABASE_URL`). */
  databaseUrl: string | undefined;
  /** Shared state across replicas (`REDIS_URL`): rate windows, cooldowns, refresh lock. */
  redisUrl: string | undefined;
  /** How often client keys are reloaded from the database (0: only at start). */
  keysReloadMs: number;
  /** How often the usage ledger's buffer is written. */
  usageFlushMs: number;
  /** Ledger rows older than this many days are deleted (0: kept for ever). */
  usageRetentionDays: number;
}

/** Reads the storage settings out of the parsed env. */
export function storageConfig(values: {
  DATA_DIR: string;
  DATABASE_URL?: string | undefined;
  REDIS_URL?: string | undefined;
  KEYS_RELOAD_MS: number;
  USAGE_FLUSH_MS: number;
  USAGE_RETENTION_DAYS: number;
}): StorageConfig {
  return {
    dataDir: values.DATA_DIR,
    databaseUrl: values.DATABASE_URL,
    redisUrl: values.REDIS_URL,
    keysReloadMs: values.KEYS_RELOAD_MS,
    usageFlushMs: values.USAGE_FLUSH_MS,
    usageRetentionDays: values.USAGE_RETENTION_DAYS,
  };
}
