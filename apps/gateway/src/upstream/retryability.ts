import type { GoogleError } from '@geminicli2api/protocol-gemini';
import { OAuthStoreError } from '@geminicli2api/oauth-store';
// A cycle (gateway-error imports deriveRetryability), used only at call time: safe.
import { GatewayError, type GatewayErrorCode } from '../gateway-error';

/**
 * What a new attempt within one upstream call may do about a failed attempt (read by the retry
 * loop, `sendUpstream`):
 * - `backoff`: the same request again after a capped exponential backoff (Google's 5xx and 499,
 *   a connection failure, a first-byte timeout);
 * - `rotate-or-wait`: another credential at once; with none left, the same one after Google's
 *   `RetryInfo` delay when the retry policy allows waiting that long (429);
 * - `rotate`: another credential at once, never a wait: the quota will not come back soon
 *   (429 `QUOTA_EXHAUSTED`, or a `RetryInfo` delay over five minutes);
 * - `set-aside`: another credential; this one is refused for good (400 `API_KEY_INVALID`);
 * - `refresh`: the same credential once more, after refreshing its token (401);
 * - `none`: no new attempt cures it.
 */
export type NextAttempt =
  'backoff' | 'rotate-or-wait' | 'rotate' | 'set-aside' | 'refresh' | 'none';

/** Why the next model of a `MODEL_FALLBACKS` chain may serve a call its model failed. */
export type FallbackReason = 'exhausted' | 'overloaded' | 'not-found';

/**
 * The one answer to "what may cure this failure", decided once, when the error is made
 * (`GatewayError.retry`), and read by each of the three places that try again:
 * `attempt` by the retry loop (`sendUpstream`), `otherBackend` by the backend failover
 * (`create-backend.ts`: Code Assist → Gemini API key), `otherModel` by `MODEL_FALLBACKS`
 * (`models/model-fallbacks.ts`). The latter two act only before the first byte reached the client.
 */
export interface Retryability {
  attempt: NextAttempt;
  /** Another backend may serve it: no account usable, quota (429), a refusal (403). */
  otherBackend: boolean;
  /** The next model of a fallback chain may serve it, and why; undefined: it may not. */
  otherModel: FallbackReason | undefined;
}

/** What nothing cures. */
export const NOT_RETRYABLE: Readonly<Retryability> = Object.freeze({
  attempt: 'none',
  otherBackend: false,
  otherModel: undefined,
});

/**
 * The retryability of an error as the client will see it (its code, status and Google's error),
 * which `GatewayError` takes unless its maker says otherwise:
 * - another backend: every account unavailable (`ACCOUNT_UNAVAILABLE`), any 429, any 403;
 * - another model: every account or key rate-limited (`ACCOUNT_UNAVAILABLE` 429), or Google
 *   answered 429 (exhausted), 503 / 529 (overloaded) or 404 (the model not found);
 * - a new attempt: none (only the upstream boundary knows better: {@link upstreamRetryability},
 *   and `unreachable` for connection failures).
 */
export function deriveRetryability(
  code: GatewayErrorCode,
  status: number,
  upstream: GoogleError | undefined,
): Retryability {
  return {
    attempt: 'none',
    otherBackend: code === 'ACCOUNT_UNAVAILABLE' || status === 429 || status === 403,
    otherModel: fallbackReasonFor(code, status, upstream),
  };
}

function fallbackReasonFor(
  code: GatewayErrorCode,
  status: number,
  upstream: GoogleError | undefined,
): FallbackReason | undefined {
  if (code === 'ACCOUNT_UNAVAILABLE' && status === 429) return 'exhausted';
  if (!upstream) return undefined;
  if (status === 429) return 'exhausted';
  if (status === 503 || status === 529) return 'overloaded';
  if (status === 404) return 'not-found';
  return undefined;
}

/**
 * What a new attempt may do about Google's answer `httpStatus` (before it is mapped to the
 * client's status: a 401 becomes a 503, a 499 a 502): see {@link NextAttempt}.
 */
export function nextAttemptFor(httpStatus: number, google: GoogleError): NextAttempt {
  if (httpStatus === 401) return 'refresh';
  if (httpStatus === 429) return isLastingQuota(google) ? 'rotate' : 'rotate-or-wait';
  if (isRejectedKey(httpStatus, google)) return 'set-aside';
  if (httpStatus === 499 || httpStatus >= 500) return 'backoff';
  return 'none';
}

/** A `RetryInfo` delay longer than this means a quota that will not come back soon. */
const LASTING_QUOTA_MS = 300_000;

/** A 429 whose quota will not come back soon: the daily quota, or a wait over five minutes. */
function isLastingQuota(google: GoogleError): boolean {
  return google.reason === 'QUOTA_EXHAUSTED' || (google.retryDelayMs ?? 0) > LASTING_QUOTA_MS;
}

/** Google's 400 for a key it does not accept (`API_KEY_INVALID`): the gateway's key, not the request. */
export function isRejectedKey(status: number, google: GoogleError): boolean {
  return (
    status === 400 &&
    (google.reason === 'API_KEY_INVALID' || /^API key not valid/i.test(google.message))
  );
}

/**
 * The retryability of anything a backend call threw: a `GatewayError`'s own; an `OAuthStoreError`
 * (a token refresh or account setup that failed: the library's error) lets another backend serve;
 * anything else is cured by nothing.
 */
export function retryabilityOf(error: unknown): Readonly<Retryability> {
  if (GatewayError.isInstance(error)) return error.retry;
  if (OAuthStoreError.isInstance(error)) return { ...NOT_RETRYABLE, otherBackend: true };
  return NOT_RETRYABLE;
}
