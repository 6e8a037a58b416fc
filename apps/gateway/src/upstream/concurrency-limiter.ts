import type { GoogleError } from '@geminicli2api/protocol-gemini';
import { GatewayError } from '../gateway-error';
import type { AbortLike } from './abort-flag';

/** Options of {@link createConcurrencyLimiter}. */
export interface ConcurrencyLimiterOptions {
  /** Upstream requests allowed in flight at once. */
  maxInFlight: number;
  /** Requests allowed to wait for a slot; one more is refused with 429. */
  maxQueued: number;
  /** Seconds a refused client is told to wait (`Retry-After`). */
  retryAfterSeconds: number;
}

/** A counting semaphore with a bounded FIFO queue. */
export interface ConcurrencyLimiter {
  /**
   * Waits for a slot and returns its release function (idempotent). Throws a 429 `GatewayError`
   * at once when the queue is full, and the signal's reason when the caller aborts while queued.
   */
  acquire(signal?: AbortLike): Promise<() => void>;
  readonly inFlight: number;
  readonly queued: number;
}

interface Waiter {
  grant: () => void;
}

/** Builds a {@link ConcurrencyLimiter}. */
export function createConcurrencyLimiter({
  maxInFlight,
  maxQueued,
  retryAfterSeconds,
}: ConcurrencyLimiterOptions): ConcurrencyLimiter {
  let inFlight = 0;
  const queue: Waiter[] = [];

  const makeRelease = () => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = queue.shift();
      if (next)
        next.grant(); // the slot passes straight to the next waiter
      else inFlight -= 1;
    };
  };

  return {
    get inFlight() {
      return inFlight;
    },
    get queued() {
      return queue.length;
    },
    async acquire(signal) {
      signal?.throwIfAborted();
      if (inFlight < maxInFlight) {
        inFlight += 1;
        return makeRelease();
      }
      if (queue.length >= maxQueued) throw queueFullError(retryAfterSeconds);
      return new Promise<() => void>((resolve, reject) => {
        const waiter: Waiter = {
          grant: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve(makeRelease());
          },
        };
        const onAbort = () => {
          const index = queue.indexOf(waiter);
          if (index >= 0) queue.splice(index, 1);
          reject(signal?.reason);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        queue.push(waiter);
      });
    },
  };
}

/**
 * The 429 for a full queue. It carries a Google-shaped error so both surfaces render it in their
 * own shape, with `Retry-After`.
 */
function queueFullError(retryAfterSeconds: number): GatewayError {
  const message = `The gateway is at its limit of concurrent upstream requests and its queue is full. Retry in ${retryAfterSeconds}s.`;
  const upstream: GoogleError = {
    code: 429,
    status: 'RESOURCE_EXHAUSTED',
    message,
    details: [],
    retryDelayMs: retryAfterSeconds * 1000,
    reason: 'GATEWAY_QUEUE_FULL',
  };
  return new GatewayError({
    code: 'UPSTREAM_ERROR',
    status: 429,
    upstream,
    message,
  });
}
