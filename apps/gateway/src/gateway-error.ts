import type { GoogleError } from '@geminicli2api/protocol-gemini';
import { deriveRetryability, type Retryability } from './upstream/retryability';

const MARKER = Symbol.for('geminicli2api.gateway.GatewayError');

/** What kind of failure the gateway itself detected. */
export type GatewayErrorCode =
  | 'UNAUTHORIZED'
  | 'INVALID_REQUEST'
  | 'NOT_FOUND'
  | 'NO_CREDENTIALS'
  | 'ACCOUNT_UNAVAILABLE'
  | 'UPSTREAM_ERROR'
  /** Google rejected the gateway's own credentials (its 401): a 503, never the client's 401. */
  | 'UPSTREAM_UNAUTHENTICATED'
  /** Google answered something the gateway cannot use (an unexpected status, HTML, an empty or wrong-shaped 2xx): a 502. */
  | 'UPSTREAM_BAD_ANSWER'
  | 'UPSTREAM_UNREACHABLE'
  /** A client key went over one of its limits (429). */
  | 'RATE_LIMITED'
  /** A client key may not do this, e.g. use a model outside its allow-list (403). */
  | 'FORBIDDEN'
  /** The keys and usage database does not answer (503 on the admin API and console). */
  | 'STORAGE_UNAVAILABLE';

/**
 * An error with a client-facing meaning, mapped to the client's protocol in one error handler.
 * `upstream` holds Google's parsed error when the failure came from Google.
 */
export class GatewayError extends Error {
  readonly [MARKER] = true;
  readonly code: GatewayErrorCode;
  readonly status: number;
  readonly param: string | null;
  readonly upstream: GoogleError | undefined;
  /**
   * What may cure it — a new attempt, another backend, another model — decided here, once: given
   * by the error's maker, else derived from its code, status and Google's error
   * (`upstream/retryability.ts`). Read by the retry loop, the backend failover and the fallbacks.
   */
  readonly retry: Readonly<Retryability>;
  /**
   * Seconds the client should wait before retrying: sent as `Retry-After` by every surface (set
   * on every 429 the gateway makes itself, and on 503s with a known recovery time).
   */
  readonly retryAfterSeconds: number | undefined;
  /** Extra response headers every surface sends with this error (Retry-After, x-ratelimit-*). */
  readonly headers: Record<string, string> | undefined;

  constructor({
    message,
    code,
    status,
    param = null,
    upstream,
    retry,
    retryAfterSeconds,
    cause,
    headers,
  }: {
    message: string;
    code: GatewayErrorCode;
    status: number;
    param?: string | null;
    upstream?: GoogleError;
    /** Overrides what {@link deriveRetryability} would say (the upstream boundary knows more). */
    retry?: Partial<Retryability>;
    retryAfterSeconds?: number | undefined;
    cause?: unknown;
    headers?: Record<string, string>;
  }) {
    super(message, { cause });
    this.name = 'GatewayError';
    this.code = code;
    this.status = status;
    this.param = param;
    this.upstream = upstream;
    this.retry = { ...deriveRetryability(code, status, upstream), ...retry };
    this.retryAfterSeconds =
      retryAfterSeconds === undefined ? undefined : Math.max(1, Math.ceil(retryAfterSeconds));
    this.headers = headers;
  }

  /** True for a GatewayError from any copy of this module. */
  static isInstance(value: unknown): value is GatewayError {
    return typeof value === 'object' && value !== null && MARKER in value;
  }
}

/**
 * The `Retry-After` seconds a client should be sent for `error`: the gateway's own
 * `retryAfterSeconds`, else Google's `RetryInfo` delay. For every surface's error mapper.
 */
export function retryAfterSecondsOf(error: GatewayError): number | undefined {
  if (error.retryAfterSeconds !== undefined) return error.retryAfterSeconds;
  const ms = error.upstream?.retryDelayMs;
  return ms === undefined ? undefined : Math.max(0, Math.ceil(ms / 1000));
}
