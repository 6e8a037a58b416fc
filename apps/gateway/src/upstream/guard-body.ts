import { GatewayError } from '../gateway-error';
import type { AbortFlag, AbortLike } from './abort-flag';
import { parseUpstreamJson } from './parse-upstream-response';
import type { RawUpstreamAnswer } from './upstream-transport';
import { formatDuration } from './format-duration';

/** A 2xx upstream answer whose body is still arriving; read it once, one way. */
export interface UpstreamReply {
  status: number;
  /** The body's bytes as they arrive; leaving the loop early aborts the upstream request. */
  body: AsyncIterable<Uint8Array> | null;
  /** The whole body as text. */
  text(): Promise<string>;
  /** The whole body parsed as JSON (a 502 when it is not JSON). */
  json(): Promise<unknown>;
}

/** Options of {@link guardBody}. */
export interface GuardBodyOptions {
  upstreamName: string;
  /** Aborts the underlying request (idle timeout, or the consumer stopped early). */
  controller: AbortFlag;
  /** The client's signal: its abort is passed through as is. */
  clientSignal: AbortLike | undefined;
  idleTimeoutMs: number;
  /** Called once when the body ended, failed or was abandoned (releases the concurrency slot). */
  onDone: () => void;
  onIdleTimeout: () => void;
  onNetworkError: () => void;
}

/**
 * Wraps an upstream body: a read that waits longer than `idleTimeoutMs` aborts the request and
 * fails with a 504 `GatewayError`; a lost connection fails with a 502 one; a consumer that stops
 * early (or a client that leaves) aborts the upstream request at once. The body stays a plain
 * async iterable of the transport's chunks: no web-stream layers in between.
 */
export function guardBody(
  status: number,
  answer: Pick<RawUpstreamAnswer, 'body' | 'text'>,
  options: GuardBodyOptions,
): UpstreamReply {
  const { body } = answer;
  const { upstreamName, controller, clientSignal, idleTimeoutMs } = options;
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    options.onDone();
  };
  if (!body) {
    finish();
    return {
      status,
      body: null,
      text: async () => '',
      json: async () => parseUpstreamJson('', `${upstreamName} returned a response`),
    };
  }
  const source = body;
  // An abort from anywhere (client gone, consumer stopped) frees the slot even if nobody reads.
  controller.addEventListener('abort', finish);
  // One timer per body, re-armed at every read. Only time spent waiting for upstream counts: a
  // consumer that is slow to pull is not "idle".
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
  let taken = false;

  const failure = (error: unknown): unknown => {
    if (clientSignal?.aborted) return clientSignal.reason;
    if (idle) {
      options.onIdleTimeout();
      return new GatewayError({
        code: 'UPSTREAM_UNREACHABLE',
        status: 504,
        cause: error,
        message: `${upstreamName} sent nothing for ${formatDuration(idleTimeoutMs)} in the middle of the answer (UPSTREAM_IDLE_TIMEOUT_MS); the answer is incomplete.`,
      });
    }
    options.onNetworkError();
    return new GatewayError({
      code: 'UPSTREAM_UNREACHABLE',
      status: 502,
      cause: error,
      message: `The connection to ${upstreamName} was lost in the middle of the answer; the answer is incomplete.`,
    });
  };

  const settle = async (complete: boolean, iterator?: AsyncIterator<Uint8Array>) => {
    clearTimeout(timer);
    controller.removeEventListener('abort', finish);
    if (!complete) {
      controller.abort(new Error('the consumer stopped reading'));
      await iterator?.return?.().catch(() => undefined);
    }
    finish();
  };

  async function* chunks(): AsyncGenerator<Uint8Array> {
    const iterator = source[Symbol.asyncIterator]();
    let complete = false;
    try {
      for (;;) {
        waiting = true;
        timer?.refresh();
        let step: IteratorResult<Uint8Array>;
        try {
          step = await iterator.next();
        } catch (error) {
          throw failure(error);
        } finally {
          waiting = false;
        }
        if (step.done) {
          complete = true;
          return;
        }
        yield step.value;
      }
    } finally {
      await settle(complete, iterator);
    }
  }

  const take = (): AsyncIterable<Uint8Array> => {
    if (taken) throw new TypeError('The upstream body was already read.');
    taken = true;
    return chunks();
  };
  // The whole body at once (unary answers): the transport's own reader, no generator per read.
  const text = async (): Promise<string> => {
    if (taken) throw new TypeError('The upstream body was already read.');
    taken = true;
    let complete = false;
    waiting = true;
    timer?.refresh();
    try {
      const whole = await answer.text(() => timer?.refresh());
      complete = true;
      return whole;
    } catch (error) {
      throw failure(error);
    } finally {
      waiting = false;
      await settle(complete);
    }
  };
  return {
    status,
    body: { [Symbol.asyncIterator]: () => take()[Symbol.asyncIterator]() },
    text,
    json: async () => parseUpstreamJson(await text(), `${upstreamName} returned a response`),
  };
}
