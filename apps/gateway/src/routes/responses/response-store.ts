import type { ResponsesInputItem, ResponsesResponse } from '@geminicli2api/protocol-openai';

/** What the gateway keeps of one response created with `store` (the default). */
export interface StoredResponse {
  /** The response with every item whole (thought signatures in `encrypted_content`). */
  response: ResponsesResponse;
  /** This response's own input items, each with an `id` (`GET …/input_items`). */
  input: readonly ResponsesInputItem[];
}

/**
 * Where responses are kept for `GET /v1/responses/{id}`, `previous_response_id` and
 * `input_items`. Asynchronous so a shared database or Redis can implement it; an implementation
 * must be bounded (entries expire or are evicted) and treats an expired entry as absent.
 */
export interface ResponseStore {
  get(id: string): Promise<StoredResponse | undefined>;
  put(id: string, value: StoredResponse): Promise<void>;
  /** True when the id was there. */
  delete(id: string): Promise<boolean>;
}

/** Options of {@link MemoryResponseStore}. */
export interface MemoryResponseStoreOptions {
  /** Entries kept; the least recently used is evicted past it (0 keeps nothing). */
  maxEntries: number;
  /** Lifetime of an entry from when it was stored, in ms. */
  ttlMs: number;
  now?: () => number;
}

/**
 * The default {@link ResponseStore}: in this process's memory, least-recently-used, each entry
 * living `ttlMs`. No timers: expired entries are dropped when met and evicted by newer ones.
 */
export class MemoryResponseStore implements ResponseStore {
  readonly #entries = new Map<string, { value: StoredResponse; expiresAt: number }>();
  readonly #maxEntries: number;
  readonly #ttlMs: number;
  readonly #now: () => number;

  constructor({ maxEntries, ttlMs, now = Date.now }: MemoryResponseStoreOptions) {
    this.#maxEntries = maxEntries;
    this.#ttlMs = ttlMs;
    this.#now = now;
  }

  /** Entries held (expired ones not yet met included). */
  get size(): number {
    return this.#entries.size;
  }

  async get(id: string): Promise<StoredResponse | undefined> {
    const entry = this.#entries.get(id);
    if (!entry) return undefined;
    this.#entries.delete(id);
    if (entry.expiresAt <= this.#now()) return undefined;
    this.#entries.set(id, entry);
    return entry.value;
  }

  async put(id: string, value: StoredResponse): Promise<void> {
    this.#entries.delete(id);
    if (this.#maxEntries === 0) return;
    this.#entries.set(id, { value, expiresAt: this.#now() + this.#ttlMs });
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next();
      if (oldest.done) break;
      this.#entries.delete(oldest.value);
    }
  }

  async delete(id: string): Promise<boolean> {
    const entry = this.#entries.get(id);
    this.#entries.delete(id);
    return entry !== undefined && entry.expiresAt > this.#now();
  }
}
