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
 */
export function corsMiddleware(origins: '*' | string[]): ReturnType<typeof createCors> {
  return createCors({
    origin: origins === '*' ? '*' : origins,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  });
}
