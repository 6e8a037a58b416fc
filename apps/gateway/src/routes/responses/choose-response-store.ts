import type { Redis } from 'ioredis';
import { RedisResponseStore } from './redis-response-store';
import { MemoryResponseStore, type ResponseStore } from './response-store';

/**
 * Where the Responses API keeps responses: the store the caller passed, else Redis when replicas
 * share one (REDIS_URL), else this process's memory; bounded by RESPONSES_STORE_* either way.
 */
export function chooseResponseStore(
  given: ResponseStore | undefined,
  redis: Redis | undefined,
  settings: { maxEntries: number; ttlMs: number },
): ResponseStore {
  if (given) return given;
  return redis ? new RedisResponseStore(redis, settings) : new MemoryResponseStore(settings);
}
