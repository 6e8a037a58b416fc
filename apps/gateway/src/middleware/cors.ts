import type { IncomingMessage, ServerResponse } from 'node:http';
import createCors from 'cors';

/** Response headers browsers may read (request id, rate-limit hints, translation warnings). */
const EXPOSED_HEADERS = [
  'x-request-id',
  'retry-after',
  'retry-after-ms',
  'x-geminicli2api-warnings',
];

/**
 * CORS for browser clients, answering preflights (`OPTIONS`, 204) before authentication, since
 * browsers send no credentials on them. `origins` is `*` or an allow-list.
 *
 * Only requests that carry an `Origin` header go through the `cors` package: browsers send it on
 * every cross-origin request and preflight (and this gateway serves no pages of its own), so the
 * CORS headers would be wasted on SDKs and curl — a few per cent of the CPU per request. With an
 * allow-list the answer still says `Vary: Origin`, so no cache hands an origin-less answer to a
 * browser.
 */
export function corsMiddleware(
  origins: '*' | string[],
): (request: IncomingMessage, response: ServerResponse, next: () => void) => void {
  const cors = createCors({
    origin: origins === '*' ? '*' : origins,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  });
  const varies = origins !== '*';
  return (request, response, next) => {
    if (request.headers.origin !== undefined) {
      cors(request, response, next);
      return;
    }
    if (varies) response.setHeader('Vary', 'Origin');
    next();
  };
}
