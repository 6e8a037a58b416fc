import type { AbortLike } from './abort-flag';

/** How the one upstream boundary retries (see {@link sendUpstream}). */
export interface RetryPolicy {
  /** Attempts in total for retryable failures (5xx, 499, resets, timeouts, short 429s); 1 = no retry. */
  maxAttempts: number;
  /** First backoff delay; doubled per attempt, ±30 % jitter. */
  baseDelayMs: number;
  /** Cap of one backoff delay. */
  maxDelayMs: number;
  /**
   * Longest server-requested `RetryInfo` delay the gateway waits out on the same credential when
   * no other credential is available; longer 429s go straight back to the client.
   */
  maxRateLimitWaitMs: number;
}

/** Defaults: 3 attempts, 1 s → 2 s (cap 10 s), wait out 429s of up to 10 s. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxAttempts: 3,
  baseDelayMs: 1000,
  maxDelayMs: 10_000,
  maxRateLimitWaitMs: 10_000,
});

/**
 * Why an attempt failed, for the `upstream_errors_total` and retry metrics. Whether it is tried
 * again is the error's own `retry` (`retryability.ts`), not this label.
 */
export type UpstreamFailureKind =
  | 'rate-limited'
  | 'server-error'
  | 'cancelled'
  | 'network'
  | 'timeout-first-byte'
  | 'timeout-idle'
  | 'client-error';

/** The metric label of an upstream HTTP status. */
export function classifyStatus(status: number): UpstreamFailureKind {
  if (status === 429) return 'rate-limited';
  if (status === 499) return 'cancelled';
  if (status >= 500) return 'server-error';
  return 'client-error';
}

/**
 * Capped exponential backoff with ±30 % jitter for the retry after `attempt` (1-based) failed.
 * `random` returns [0, 1).
 */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number): number {
  const exponential = Math.min(
    policy.maxDelayMs,
    policy.baseDelayMs * 2 ** Math.max(0, attempt - 1),
  );
  const jitter = exponential * 0.3 * (random() * 2 - 1);
  return Math.max(0, Math.round(Math.min(policy.maxDelayMs, exponential + jitter)));
}

/** The server's delay plus up to +20 % jitter, so clients told the same delay do not stampede. */
export function rateLimitDelay(serverDelayMs: number, random: () => number): number {
  return Math.round(serverDelayMs * (1 + 0.2 * random()));
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function abortableSleep(ms: number, signal?: AbortLike): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
