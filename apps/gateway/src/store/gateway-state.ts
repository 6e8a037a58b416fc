import { isAbsolute, resolve } from 'node:path';
import type { Redis } from 'ioredis';
import type { Request, Router } from 'express';
import type { Logger } from 'winston';
import type { Config } from '../config';
import { adminRoutes } from '../admin/admin-routes';
import { clientKeyCheck, type ClientKeyCheck } from '../keys/client-key-check';
import { KeyRegistry } from '../keys/key-registry';
import { KeyRepository } from '../keys/key-repository';
import { MemoryRateWindows, type RateWindows } from '../limits/rate-windows';
import { RedisRateWindows } from '../limits/redis-rate-windows';
import type { GatewayMetrics } from '../metrics/gateway-metrics';
import { connectRedis, describeRedis } from '../shared/redis-client';
import { redisSharedAccounts, type SharedAccountState } from '../shared/shared-accounts';
import { createKeyMetrics } from '../usage/key-metrics';
import { UsageLedger, type LedgerHealth } from '../usage/usage-ledger';
import { usageRetention } from '../usage/usage-retention';
import { usageRecorder } from '../usage/usage-recorder';
import type { GatewayResponse } from '../http/gateway-response';
import type { IncomingMessage } from 'node:http';
import { openStore, type Store } from './open-store';

/** Options of {@link createGatewayState}. */
export interface GatewayStateOptions {
  config: Config;
  logger: Logger;
  /** The gateway's working directory: a relative DATA_DIR is resolved from it. */
  cwd: string;
  metrics: GatewayMetrics | undefined;
  /** Which backend answers (for the ledger). */
  backendName: () => string;
}

/** What `/health` says about storage. */
export interface StorageHealth {
  database: { engine: string; location: string };
  usage_ledger: LedgerHealth;
  redis?: { url: string; status: string };
}

/** Keys, limits, the usage ledger and shared state, as the gateway wires them. */
export interface GatewayState {
  store: Store;
  redis: Redis | undefined;
  /** Account cooldowns, quota and token refreshes shared by replicas (with REDIS_URL). */
  sharedAccounts: SharedAccountState | undefined;
  /** Consulted by the password check for `g2a-…` credentials. */
  clientKeyCheck: ClientKeyCheck;
  windows: RateWindows;
  /** Records each model request in the ledger when its response closes. */
  recordUsage: (request: IncomingMessage, response: GatewayResponse) => void;
  /** `/admin/keys|usage|requests`; `alsoAdmit` lets the console session in too. */
  adminRouter(adminPassword: string, alsoAdmit?: (request: Request) => boolean): Router;
  health(): StorageHealth;
  close(): Promise<void>;
}

/**
 * Opens the database (SQLite in DATA_DIR, or DATABASE_URL), migrates it, loads the client keys
 * into memory, and connects Redis when REDIS_URL is set. A database that cannot be used throws
 * a `StoreError` naming it and what to do.
 */
export async function createGatewayState({
  config,
  logger,
  cwd,
  metrics,
  backendName,
}: GatewayStateOptions): Promise<GatewayState> {
  const { storage } = config;
  const dataDir = isAbsolute(storage.dataDir) ? storage.dataDir : resolve(cwd, storage.dataDir);
  const store = await openStore({ databaseUrl: storage.databaseUrl, dataDir });
  let redis: Redis | undefined;
  try {
    redis = storage.redisUrl ? await connectRedis(storage.redisUrl, logger) : undefined;
  } catch (error) {
    await store.close();
    throw error;
  }
  const keys = new KeyRepository(store.db);
  const registry = new KeyRegistry(keys, { reloadMs: storage.keysReloadMs, logger });
  const windows: RateWindows = redis ? new RedisRateWindows(redis) : new MemoryRateWindows();
  try {
    await registry.load();
    const now = Date.now();
    for (const [keyId, usage] of await keys.usageToday())
      await windows.seedDay(keyId, usage.tokens, now);
  } catch (error) {
    await store.close();
    redis?.disconnect();
    throw error;
  }
  registry.start();
  const sharedAccounts = redis ? redisSharedAccounts(redis, logger) : undefined;
  const ledger = new UsageLedger({
    insert: store.insertUsage,
    logger,
    flushMs: storage.usageFlushMs,
    onWritten: (lastUsed) => keys.touch(lastUsed),
  });
  ledger.start();
  const retention = usageRetention({ db: store.db, days: storage.usageRetentionDays, logger });
  logger.info('storage ready', {
    database: store.engine,
    location: store.location,
    redis: storage.redisUrl ? describeRedis(storage.redisUrl) : undefined,
    clientKeys: registry.hasActiveKeys,
  });
  return {
    store,
    redis,
    sharedAccounts,
    clientKeyCheck: clientKeyCheck(registry),
    windows,
    recordUsage: usageRecorder({
      ledger,
      windows,
      backend: backendName,
      keyMetrics: metrics && createKeyMetrics(metrics.registry),
    }),
    adminRouter: (adminPassword, alsoAdmit) =>
      adminRoutes({
        adminPassword,
        db: store.db,
        keys,
        registry,
        ledger,
        database: { engine: store.engine, location: store.location },
        ...(alsoAdmit ? { alsoAdmit } : {}),
      }),
    health: () => ({
      database: { engine: store.engine, location: store.location },
      usage_ledger: ledger.health(),
      ...(redis && storage.redisUrl
        ? { redis: { url: describeRedis(storage.redisUrl), status: redis.status } }
        : {}),
    }),
    async close() {
      registry.stop();
      retention.stop();
      await ledger.close();
      await windows.close();
      await sharedAccounts?.close();
      await store.close();
      if (redis) await redis.quit().catch(() => redis?.disconnect());
    },
  };
}
