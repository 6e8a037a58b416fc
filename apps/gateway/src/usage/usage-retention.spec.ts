import winston from 'winston';
import { STORE_ENGINES, usageEvent } from '../../test/support/ledger-fixtures';
import { usageRetention } from './usage-retention';

const NOW = Date.UTC(2030, 5, 15, 12);
const DAY = 86_400_000;
const quiet = winston.createLogger({ silent: true });

const row = (time: number, id: string) =>
  usageEvent({ time: new Date(time).toISOString(), request_id: id });

describe.each(STORE_ENGINES)('usage ledger retention (%s)', (_name, open) => {
  it('deletes rows older than the retention in batches and keeps the rest', async () => {
    const { store, drop } = await open();
    try {
      const old = Array.from({ length: 23 }, (_, index) =>
        row(NOW - 31 * DAY - index, `old-${index}`),
      );
      const kept = [row(NOW - 29 * DAY, 'recent'), row(NOW - DAY, 'yesterday'), row(NOW, 'now')];
      await store.insertUsage([...old, ...kept]);
      const retention = usageRetention({
        db: store.db,
        days: 30,
        logger: quiet,
        batchSize: 5,
        intervalMs: 3_600_000,
        now: () => NOW,
      });
      // The turn made at start deletes the 23 old rows (5 at a time); the next finds none.
      expect(await retention.prune()).toBe(23);
      expect(await retention.prune()).toBe(0);
      retention.stop();
      const left = await store.db.selectFrom('usage_events').select('request_id').execute();
      expect(left.map((entry) => entry.request_id).sort()).toEqual(['now', 'recent', 'yesterday']);
    } finally {
      await store.close();
      await drop();
    }
  });

  it('keeps everything when the retention is 0', async () => {
    const { store, drop } = await open();
    try {
      await store.insertUsage([row(NOW - 400 * DAY, 'ancient')]);
      const retention = usageRetention({ db: store.db, days: 0, logger: quiet, now: () => NOW });
      expect(await retention.prune()).toBe(0);
      retention.stop();
      expect(await store.db.selectFrom('usage_events').select('id').execute()).toHaveLength(1);
    } finally {
      await store.close();
      await drop();
    }
  });
});
