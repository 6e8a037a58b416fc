import type { Redis } from 'ioredis';
import { GatewayError } from '../../gateway-error';
import type { ResponseStore, StoredResponse } from './response-store';

/** Options of {@link RedisResponseStore}. */
export interface RedisResponseStoreOptions {
  /** Lifetime of an entry from when it was stored, in ms (Redis expires it). */
  ttlMs: number;
  /** 0 keeps nothing (as RESPONSES_STORE_MAX_ENTRIES=0 does in memory). */
  maxEntries: number;
  /** Key prefix; default `g2a:response:`. */
  prefix?: string;
}

/**
 * The {@link ResponseStore} of replicas that share `REDIS_URL`: a response created on one
 * replica continues (`previous_response_id`) or is read (`GET /v1/responses/{id}`) on any other.
 * Each entry is one JSON string with a Redis expiry, so the store stays bounded by its lifetime.
 * A Redis that does not answer is a 503 naming the store, never a lost or foreign response.
 */
export class RedisResponseStore implements ResponseStore {
  readonly #redis: Redis;
  readonly #ttlMs: number;
  readonly #keep: boolean;
  readonly #prefix: string;

  constructor(
    redis: Redis,
    { ttlMs, maxEntries, prefix = 'g2a:response:' }: RedisResponseStoreOptions,
  ) {
    this.#redis = redis;
    this.#ttlMs = Math.max(1, Math.round(ttlMs));
    this.#keep = maxEntries > 0;
    this.#prefix = prefix;
  }

  async get(id: string): Promise<StoredResponse | undefined> {
    const text = await this.#call(() => this.#redis.get(this.#prefix + id));
    return text === null ? undefined : (JSON.parse(text) as StoredResponse);
  }

  async put(id: string, value: StoredResponse): Promise<void> {
    if (!this.#keep) return;
    await this.#call(() =>
      this.#redis.set(this.#prefix + id, JSON.stringify(value), 'PX', this.#ttlMs),
    );
  }

  async delete(id: string): Promise<boolean> {
    return (await this.#call(() => this.#redis.del(this.#prefix + id))) > 0;
  }

  async #call<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw new GatewayError({
        code: 'UPSTREAM_UNREACHABLE',
        status: 503,
        message: 'The Responses API store (Redis, REDIS_URL) did not answer; retry shortly.',
        cause: error,
      });
    }
  }
}
