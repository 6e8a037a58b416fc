import type { StorageHealth } from '../store/gateway-state';
import type { DependencyHealth } from './dependency-health';

/** The database (with its usage ledger) and Redis as the console's overview shows them. */
export function storageDependencies(health: StorageHealth): DependencyHealth[] {
  const { database, usage_ledger: ledger, redis } = health;
  const databaseHealth: DependencyHealth =
    ledger.status === 'failing'
      ? {
          name: 'database',
          state: 'degraded',
          detail: `${database.engine} (${database.location}) refuses usage writes; ${ledger.pending} events wait in memory.`,
          reason: {
            code: 'database-refuses-writes',
            values: {
              database: `${database.engine} (${database.location})`,
              pending: ledger.pending,
            },
          },
        }
      : { name: 'database', state: 'ok', detail: `${database.engine} (${database.location})` };
  const redisHealth: DependencyHealth = redis
    ? {
        name: 'redis',
        state: redis.status === 'ready' ? 'ok' : 'down',
        detail: `${redis.url}: ${redis.status}`,
      }
    : {
        name: 'redis',
        state: 'not-configured',
        detail: 'This gateway uses no Redis.',
        reason: { code: 'redis-not-used', values: {} },
      };
  return [databaseHealth, redisHealth];
}
