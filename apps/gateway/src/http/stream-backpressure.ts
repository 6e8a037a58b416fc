import type { GatewayResponse } from './gateway-response';
import { requestState } from './request-state';

/** CLIENT_STALL_TIMEOUT_MS's default. */
export const DEFAULT_CLIENT_STALL_TIMEOUT_MS = 60_000;

/** Options of {@link awaitStreamDrain}. */
export interface StreamDrainOptions {
  /** Drop the client after this long without a read; 0 waits for ever (default 60 s). */
  stallTimeoutMs?: number;
  /** Called once, just before a stalled client is dropped (log it). */
  onStall?: (stalledMs: number) => void;
}

/**
 * Backpressure for a streamed answer; every stream writer calls it after each write and awaits
 * what it returns before pulling the next upstream event:
 *
 * ```ts
 * response.write(frame);
 * await awaitStreamDrain(response, { onStall });
 * next = await iterator.next();
 * ```
 *
 * Returns undefined (nothing to wait for, no allocation) while the client's socket takes data.
 * Once `write()` reported a full buffer, returns a promise that settles when the client read
 * enough ('drain') or left ('close'), so the upstream body is not read meanwhile (its TCP window
 * closes instead of the gateway buffering the whole answer). A client that has not read for
 * `stallTimeoutMs` is dropped: the response is destroyed, which aborts the upstream call through
 * the usual client-gone path, and the promise settles. Never rejects.
 */
export function awaitStreamDrain(
  response: GatewayResponse,
  { stallTimeoutMs = DEFAULT_CLIENT_STALL_TIMEOUT_MS, onStall }: StreamDrainOptions = {},
): Promise<void> | undefined {
  if (!response.writableNeedDrain || response.destroyed) return undefined;
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const done = () => {
      clearTimeout(timer);
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
    if (stallTimeoutMs > 0) {
      timer = setTimeout(() => {
        onStall?.(stallTimeoutMs);
        response.destroy();
        done();
      }, stallTimeoutMs);
    }
  });
}

/**
 * The options a stream writer passes to {@link awaitStreamDrain} for its whole stream: the
 * handler's stall timeout (CLIENT_STALL_TIMEOUT_MS, `StreamSettings.clientStallTimeoutMs`), and a
 * warning naming the request when its client is dropped.
 */
export function streamDrainOptions(
  response: GatewayResponse,
  logger: { warn(message: string, meta?: Record<string, unknown>): unknown },
  stallTimeoutMs: number,
): StreamDrainOptions {
  return {
    stallTimeoutMs,
    onStall: (stalledMs) =>
      logger.warn('dropped a streaming client that stopped reading', {
        requestId: requestState(response).requestId,
        stalledMs,
      }),
  };
}
