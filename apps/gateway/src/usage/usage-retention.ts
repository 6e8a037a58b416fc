import type { Logger } from 'winston';
import type { StoreDb } from '../store/store-schema';
import { errorSummary } from '../middleware/error-handler';

const DAY_MS = 86_400_000;

/** Options of {@link usageRetention}. */
export interface UsageRetentionOptions {
  db: StoreDb;
  /** Ledger rows older than this many days are deleted (USAGE_RETENTION_DAYS; 0 keeps all). */
  days: number;
  logger: Logger;
  /** How often old rows are looked for (default: hourly, and once at start). */
  intervalMs?: number;
  /** Rows deleted per statement, so a large backlog never holds the database for long. */
  batchSize?: number;
  now?: () => number;
}

/** Deletes what the ledger keeps no longer; `stop` ends the schedule. */
export interface UsageRetention {
  /** Deletes every row older than the retention now; resolves with how many went. */
  prune(): Promise<number>;
  stop(): void;
}

/**
 * Keeps the usage ledger to its last `days` days (USAGE_RETENTION_DAYS): at start and then every
 * `intervalMs`, rows older than that are deleted in batches of `batchSize`. A failure is logged
 * and tried again at the next turn; requests never wait for it.
 */
export function usageRetention({
  db,
  days,
  logger,
  intervalMs = 3_600_000,
  batchSize = 5_000,
  now = Date.now,
}: UsageRetentionOptions): UsageRetention {
  let running: Promise<number> | undefined;
  const prune = async (): Promise<number> => {
    const cutoff = new Date(now() - days * DAY_MS).toISOString();
    let deleted = 0;
    for (;;) {
      const result = await db
        .deleteFrom('usage_events')
        .where(
          'id',
          'in',
          db.selectFrom('usage_events').select('id').where('time', '<', cutoff).limit(batchSize),
        )
        .executeTakeFirst();
      const count = Number(result.numDeletedRows);
      deleted += count;
      if (count < batchSize) return deleted;
    }
  };
  const turn = () => {
    running ??= prune()
      .then((deleted) => {
        if (deleted > 0)
          logger.info('usage ledger: old rows deleted', { deleted, retentionDays: days });
        return deleted;
      })
      .catch((error: unknown) => {
        logger.warn('usage ledger: deleting old rows failed', { error: errorSummary(error) });
        return 0;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  if (days <= 0) return { prune: async () => 0, stop: () => undefined };
  void turn();
  const timer = setInterval(() => void turn(), intervalMs);
  timer.unref();
  return { prune: turn, stop: () => clearInterval(timer) };
}
