import { GatewayError } from '../gateway-error';

/** Options of {@link guardBody}. */
export interface GuardBodyOptions {
  upstreamName: string;
  /** Aborts the underlying fetch (idle timeout, or the consumer cancelled). */
  controller: AbortController;
  /** The client's signal: its abort is passed through as is. */
  clientSignal: AbortSignal | undefined;
  idleTimeoutMs: number;
  /** Called once when the body ended, failed or was cancelled (releases the concurrency slot). */
  onDone: () => void;
  onIdleTimeout: () => void;
  onNetworkError: () => void;
}

/**
 * Wraps an upstream body: a read that waits longer than `idleTimeoutMs` aborts the request and
 * fails with a 504 `GatewayError`; a lost connection fails with a 502 one; cancelling the
 * returned stream aborts the upstream request at once.
 */
export function guardBody(
  body: ReadableStream<Uint8Array>,
  options: GuardBodyOptions,
): ReadableStream<Uint8Array> {
  const { upstreamName, controller, clientSignal, idleTimeoutMs } = options;
  const reader = body.getReader();
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    options.onDone();
  };
  // One timer per body, re-armed at every read (not a new timer per chunk: a long stream has
  // thousands of chunks, and a thousand streams at once made that churn visible in memory). Only
  // time spent waiting for upstream counts: a consumer that is slow to pull is not "idle".
  let idle = false;
  let waiting = false;
  const timer =
    idleTimeoutMs > 0
      ? setTimeout(() => {
          if (!waiting) return; // fired between reads: the next read re-arms it
          idle = true;
          controller.abort(new Error('idle timeout'));
        }, idleTimeoutMs)
      : undefined;
  timer?.unref();
  return new ReadableStream<Uint8Array>({
    async pull(stream) {
      waiting = true;
      timer?.refresh();
      try {
        const { done, value } = await reader.read();
        waiting = false;
        if (done) {
          clearTimeout(timer);
          finish();
          stream.close();
        } else {
          stream.enqueue(value);
        }
      } catch (error) {
        waiting = false;
        clearTimeout(timer);
        finish();
        if (clientSignal?.aborted) {
          stream.error(clientSignal.reason);
        } else if (idle) {
          options.onIdleTimeout();
          stream.error(
            new GatewayError({
              code: 'UPSTREAM_UNREACHABLE',
              status: 504,
              cause: error,
              message: `${upstreamName} sent nothing for ${Math.round(idleTimeoutMs / 1000)} s in the middle of the answer (UPSTREAM_IDLE_TIMEOUT_MS); the answer is incomplete.`,
            }),
          );
        } else {
          options.onNetworkError();
          stream.error(
            new GatewayError({
              code: 'UPSTREAM_UNREACHABLE',
              status: 502,
              isRetryable: true,
              cause: error,
              message: `The connection to ${upstreamName} was lost in the middle of the answer; the answer is incomplete.`,
            }),
          );
        }
      }
    },
    async cancel(reason) {
      clearTimeout(timer);
      finish();
      controller.abort(reason);
      await reader.cancel(reason).catch(() => undefined);
    },
  });
}
