import { parseGoogleError, type GoogleError } from '@geminicli2api/protocol-gemini';
import { GatewayError } from '../gateway-error';
import { nextAttemptFor } from './retryability';
import type { RawUpstreamAnswer } from './upstream-transport';

/**
 * Longest upstream error message the gateway logs or returns (characters); longer ones are cut
 * and say how long they were. Documented in docs/troubleshooting.md.
 */
export const MAX_UPSTREAM_MESSAGE_CHARS = 2000;

/** Retry-After of a Google 429 that named no delay and that no account pool cooled down. */
const DEFAULT_RETRY_AFTER_SECONDS = 10;

/** Details (ErrorInfo, RetryInfo, violations…) larger than this, as JSON, are dropped. */
const MAX_UPSTREAM_DETAILS_CHARS = 16_000;

/**
 * Google statuses a client may be given as they are (each means the same thing for the client's
 * request). 401 is the gateway's own credentials failing; anything else (3xx, 408, 499, 502…) is
 * an answer the gateway does not expect and becomes a 502 naming it.
 */
const RELAYED_STATUSES = new Set([400, 403, 404, 409, 413, 429, 500, 501, 503, 504]);

/** Cuts `message` to {@link MAX_UPSTREAM_MESSAGE_CHARS}, saying how long it was. */
export function cutUpstreamMessage(message: string): string {
  if (message.length <= MAX_UPSTREAM_MESSAGE_CHARS) return message;
  return `${message.slice(0, MAX_UPSTREAM_MESSAGE_CHARS)}… (cut: the upstream message had ${message.length} characters)`;
}

/** Google's parsed error with its message cut and oversized details dropped. */
export function boundedGoogleError(google: GoogleError): GoogleError {
  const message = cutUpstreamMessage(google.message);
  const details =
    JSON.stringify(google.details).length > MAX_UPSTREAM_DETAILS_CHARS ? [] : google.details;
  return message === google.message && details === google.details
    ? google
    : { ...google, message, details };
}

/**
 * The one mapping of an upstream failure status to what the client gets, shared by every surface
 * (they render `status`, `code` and `message`, or `upstream` when it is set):
 * - 401: Google rejected the gateway's credentials → 503 `UPSTREAM_UNAUTHENTICATED`
 *   (a 401 to a client only ever concerns the client's own password);
 * - a status Google uses for the request itself (400, 403, 404, 429, 5xx it documents…) → kept,
 *   with Google's error in `upstream`;
 * - anything else (redirects, 408, 499, 502…) → 502 `UPSTREAM_BAD_ANSWER` naming the status.
 *
 * Its `retry` is decided here too: a new attempt from Google's own status (`nextAttemptFor`),
 * another backend or model from what the client gets (`deriveRetryability`).
 */
export function gatewayErrorFromGoogle(
  httpStatus: number,
  parsed: GoogleError,
  upstreamName: string,
  { defaultRetryAfter = false }: { defaultRetryAfter?: boolean } = {},
): GatewayError {
  let google = boundedGoogleError(parsed);
  if (defaultRetryAfter && httpStatus === 429 && google.retryDelayMs === undefined) {
    // No account pool decides this one (an error event in a stream): a short default delay.
    const seconds = DEFAULT_RETRY_AFTER_SECONDS;
    google = {
      ...google,
      message: `${google.message} Retry in ${seconds}s.`,
      retryDelayMs: seconds * 1000,
    };
  }
  const retry = { attempt: nextAttemptFor(httpStatus, google) };
  if (httpStatus === 401) {
    return new GatewayError({
      code: 'UPSTREAM_UNAUTHENTICATED',
      status: 503,
      retry,
      message: `Google rejected the gateway's credentials: ${google.message}`,
    });
  }
  if (!RELAYED_STATUSES.has(httpStatus)) {
    return new GatewayError({
      code: 'UPSTREAM_BAD_ANSWER',
      status: 502,
      retry,
      message: `${upstreamName} answered HTTP ${httpStatus}, which the gateway does not expect: ${google.message}`,
    });
  }
  return new GatewayError({
    code: 'UPSTREAM_ERROR',
    status: httpStatus,
    upstream: google,
    retry,
    message: google.message,
  });
}

/** Reads a non-2xx response into the client-facing {@link GatewayError} (see above). */
export async function toUpstreamError(
  response: Pick<RawUpstreamAnswer, 'status' | 'text'>,
  upstreamName = 'Google',
): Promise<GatewayError> {
  const text = await response.text().catch(() => '');
  return gatewayErrorFromGoogle(
    response.status,
    parseGoogleError(text, response.status),
    upstreamName,
  );
}
