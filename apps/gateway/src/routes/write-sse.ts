import type { GatewayResponse } from '../http/gateway-response';
import { requestState } from '../http/request-state';
import { AbortFlag, type AbortLike } from '../upstream/abort-flag';

/**
 * Sends the SSE response headers (once). Proxies are told not to buffer. The request state's
 * `onStreamStart` (the access log's) learns that the response is now a stream.
 */
export function startSse(response: GatewayResponse): void {
  if (response.headersSent) return;
  response.statusCode = 200;
  response.setHeader('content-type', 'text/event-stream; charset=utf-8');
  response.setHeader('cache-control', 'no-cache, no-transform');
  response.setHeader('connection', 'keep-alive');
  response.setHeader('x-accel-buffering', 'no');
  response.flushHeaders();
  requestState(response).onStreamStart?.();
}

function sseFrame(data: unknown): string {
  return `data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
}

/** Writes one `data:` event. */
export function writeSseData(response: GatewayResponse, data: unknown): void {
  response.write(sseFrame(data));
}

/** Writes several `data:` events in one write (one syscall rather than one per event). */
export function writeSseBatch(response: GatewayResponse, items: readonly unknown[]): void {
  if (items.length === 1) writeSseData(response, items[0]);
  else if (items.length > 1) response.write(items.map(sseFrame).join(''));
}

/** True once the response is an event stream (headers sent as `text/event-stream`). */
export function isSseResponse(response: GatewayResponse): boolean {
  return (
    response.headersSent &&
    String(response.getHeader('content-type') ?? '').startsWith('text/event-stream')
  );
}

/**
 * Writes an SSE comment (`: keep-alive`, or the surface's own `keepaliveFrame`) every
 * `intervalMs` while a stream waits on the upstream, so idle-cutting proxies keep the connection. The first tick sends the SSE headers
 * if they are not out yet (from then on a failure is reported as an error event). The interval
 * is the handler's `StreamSettings.keepaliveMs` (SSE_KEEPALIVE_INTERVAL_MS; 0 = off). Returns the
 * function that stops it.
 */
export function keepSseAlive(
  response: GatewayResponse,
  intervalMs: number,
  keepaliveFrame = ': keep-alive\n\n',
): () => void {
  if (!(intervalMs > 0)) return () => undefined;
  const timer = setInterval(() => {
    if (response.writableEnded || response.destroyed) {
      clearInterval(timer);
      return;
    }
    startSse(response);
    response.write(keepaliveFrame);
  }, intervalMs);
  timer.unref();
  const stop = () => clearInterval(timer);
  response.once('close', stop);
  return stop;
}

/**
 * An abort flag raised when the client goes away before the response finished, so the upstream
 * request is cancelled at once instead of running on for nobody.
 */
export function abortOnClientClose(response: GatewayResponse): AbortLike {
  const gone = new AbortFlag();
  // A response closes once; `on` costs less than `once`.
  response.on('close', () => {
    if (!response.writableFinished) gone.abort();
  });
  return gone;
}
