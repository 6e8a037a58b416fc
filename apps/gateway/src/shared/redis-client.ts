import { Redis } from 'ioredis';
import type { Logger } from 'winston';
import { errorSummary } from '../middleware/error-handler';

/** Host, port and database of a Redis URL: never its password. */
export function describeRedis(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return 'redis (unparsable REDIS_URL)';
  }
}

/**
 * Connects to Redis (REDIS_URL) and waits until it answers; throws a clear error otherwise.
 * Commands fail fast while the connection is down (no offline queue).
 */
export async function connectRedis(url: string, logger: Logger): Promise<Redis> {
  const where = describeRedis(url);
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    // While Redis is away, commands fail at once (callers fall back to this process's own
    // state) instead of holding requests in a queue.
    enableOfflineQueue: false,
    connectTimeout: 5000,
    // Commands issued in the same turn of the event loop (the rate windows of every request in a
    // wave) go out in one write: a socket write per command was the largest CPU cost of a
    // request with a client key at 256 connections (docs/performance.md).
    enableAutoPipelining: true,
  });
  let reported = false;
  client.on('error', (error: unknown) => {
    if (reported) return;
    reported = true;
    logger.error('redis connection failed', { redis: where, error: errorSummary(error) });
  });
  client.on('ready', () => {
    if (reported) logger.info('redis connection restored', { redis: where });
    reported = false;
  });
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    client.disconnect();
    throw new Error(
      `Redis at ${where} (REDIS_URL) is unreachable: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  return client;
}
