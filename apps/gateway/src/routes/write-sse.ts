import type { Response } from 'express';

/** Sends the SSE response headers (once). Proxies are told not to buffer. */
export function startSse(response: Response): void {
  if (response.headersSent) return;
  response.status(200).set({
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  response.flushHeaders();
}

/** Writes one `data:` event. */
export function writeSseData(response: Response, data: unknown): void {
  response.write(`data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);
}

/**
 * An AbortSignal that fires when the client goes away before the response finished, so the
 * upstream request is cancelled at once instead of running on for nobody.
 */
export function abortOnClientClose(response: Response): AbortSignal {
  const controller = new AbortController();
  response.on('close', () => {
    if (!response.writableFinished) controller.abort();
  });
  return controller.signal;
}
