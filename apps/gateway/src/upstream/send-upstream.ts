import type { AccountOutcome } from '../accounts/account-selector';
import type { RequestContext } from '../middleware/request-context';
import { AbortFlag, type AbortLike } from './abort-flag';
import { guardBody, type UpstreamReply } from './guard-body';
import {
  backoffDelay,
  classifyStatus,
  rateLimitDelay,
  type UpstreamFailureKind,
} from './retry-policy';
import {
  resolveTransport,
  type RawUpstreamAnswer,
  type ResolvedTransport,
  type UpstreamTransport,
} from './upstream-transport';
import { unreachable } from './unreachable-error';
import { GatewayError } from '../gateway-error';
import { toUpstreamError } from './upstream-error';

export { toUpstreamError } from './upstream-error';

/** Anything a backend authenticates with: a Code Assist account, an API key, an ADC identity. */
export interface Credential {
  /** Stable id for logs, metrics and exclusion (never the secret itself). */
  id: string;
}

/** Chooses credentials per attempt; see `AccountSelector` for the Code Assist version. */
export interface CredentialSelector<C extends Credential> {
  acquire(options: {
    model: string;
    exclude: ReadonlySet<string>;
    /** The client's signal: stop waiting (token refresh, account setup) when it aborts. */
    signal?: AbortLike | undefined;
  }): Promise<C>;
  report(credential: C, outcome: AccountOutcome): void;
  /** Called after a 401 so the next acquire returns a refreshed credential. */
  invalidate(credential: C): Promise<void>;
}

/** One HTTP request to send with a given credential. */
export interface UpstreamAttempt {
  url: string;
  headers: Record<string, string>;
  /** Ignored for GET. */
  body: string;
  /** Default POST; GET for model lists. */
  method?: 'GET' | 'POST';
}

/** Options of {@link sendUpstream}. */
export interface SendUpstreamOptions<C extends Credential> {
  /** For messages: `Code Assist`, `the Gemini API`, `Vertex AI`. */
  upstreamName: string;
  model: string;
  credentials: CredentialSelector<C>;
  build: (credential: C) => UpstreamAttempt;
  /** The client's signal: aborting it aborts the upstream request (and any wait) at once. */
  signal?: AbortLike | undefined;
  /** The request's context: learns the model, the account of the last attempt and retries. */
  context?: RequestContext | undefined;
  /** How to send: the gateway's fetch, retries, timeouts, limiter (default: `defaultTransport`). */
  transport?: UpstreamTransport | undefined;
}

/**
 * The one HTTP boundary every backend goes through. It takes a concurrency slot (429 at once when
 * the queue is full), then per attempt acquires a credential and sends. A failed attempt's error
 * says itself what a new attempt may do (`error.retry.attempt`, decided where it is made:
 * `upstream-error.ts`, `unreachable-error.ts`, table in `retryability.ts`); this loop only applies
 * it within the retry policy:
 * - 2xx is returned (the caller reads the body; an idle body fails with 504, and the slot is
 *   freed when the body ends). Nothing is retried after this point.
 * - 401 refreshes the credential once.
 * - 429 puts the credential in cooldown and moves to the next one; with none left, a short
 *   `RetryInfo` delay (≤ `maxRateLimitWaitMs`) is waited out on the same one.
 * - 5xx, 499, connection failures and first-byte timeouts are retried with capped exponential
 *   backoff and jitter, up to `maxAttempts`.
 * - anything else (400 above all) becomes a `GatewayError` carrying Google's parsed error.
 */
export async function sendUpstream<C extends Credential>(
  options: SendUpstreamOptions<C>,
): Promise<UpstreamReply> {
  const { signal } = options;
  const transport = resolveTransport(options.transport);
  const { context } = options;
  if (context && !context.model) context.model = options.model;
  const release = transport.limiter ? await transport.limiter.acquire(signal) : () => undefined;
  let handedOff = false;
  try {
    const handOff = () => {
      handedOff = true;
    };
    return await attemptUntilSettled(options, transport, handOff, release);
  } finally {
    if (!handedOff) release();
  }
}

async function attemptUntilSettled<C extends Credential>(
  { upstreamName, model, credentials, build, signal, context }: SendUpstreamOptions<C>,
  transport: ResolvedTransport,
  handOff: () => void,
  release: () => void,
): Promise<UpstreamReply> {
  const { retry, observer } = transport;
  const tried = new Set<string>();
  let refreshed = false;
  let attempt = 0;
  const retryAfter = async (kind: UpstreamFailureKind, delayMs: number) => {
    observer?.retried?.(kind, upstreamName);
    if (context) context.retries += 1;
    await transport.sleep(delayMs, signal);
  };
  for (;;) {
    attempt += 1;
    signal?.throwIfAborted();
    const credential = await credentials.acquire({ model, exclude: tried, signal });
    if (context) context.accountId = credential.id;
    const request = build(credential);
    const controller = new AbortFlag();
    const onClientAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onClientAbort, { once: true });
    const unlink = () => signal?.removeEventListener('abort', onClientAbort);
    let timedOut = false;
    const timer =
      transport.firstByteTimeoutMs > 0
        ? setTimeout(() => {
            timedOut = true;
            controller.abort(new Error('first-byte timeout'));
          }, transport.firstByteTimeoutMs)
        : undefined;
    let response: RawUpstreamAnswer;
    try {
      response = await transport.send(request.url, {
        method: request.method ?? 'POST',
        headers: request.headers,
        ...(request.method === 'GET' ? {} : { body: request.body }),
        signal: controller,
      });
    } catch (error) {
      unlink();
      if (signal?.aborted) throw signal.reason ?? error;
      const kind: UpstreamFailureKind = timedOut ? 'timeout-first-byte' : 'network';
      observer?.failed?.(kind, upstreamName);
      const failure = unreachable(upstreamName, request.url, kind, transport, error);
      if (failure.retry.attempt === 'backoff' && attempt < retry.maxAttempts) {
        await retryAfter(kind, backoffDelay(retry, attempt, transport.random));
        continue;
      }
      throw failure;
    } finally {
      clearTimeout(timer);
    }
    if (response.status >= 200 && response.status < 300) {
      credentials.report(credential, { kind: 'success' });
      handOff();
      return guardBody(response.status, response, {
        upstreamName,
        controller,
        clientSignal: signal,
        idleTimeoutMs: transport.idleTimeoutMs,
        onDone: () => {
          unlink();
          release();
        },
        onIdleTimeout: () => observer?.failed?.('timeout-idle', upstreamName),
        onNetworkError: () => observer?.failed?.('network', upstreamName),
      });
    }
    unlink();
    const error = await toUpstreamError(response, upstreamName);
    const next = error.retry.attempt;
    if (next === 'refresh' && !refreshed) {
      // The token was revoked or expired early (401): refresh once, then try again.
      refreshed = true;
      attempt -= 1;
      await credentials.invalidate(credential);
      continue;
    }
    const kind = classifyStatus(response.status);
    observer?.failed?.(kind, upstreamName);
    const google = error.upstream;
    if ((next === 'rotate' || next === 'rotate-or-wait') && google) {
      // A lasting quota (the daily one): the credential cools down long, and is not waited for.
      const terminal = next === 'rotate';
      credentials.report(credential, {
        kind: 'rate-limited',
        model,
        terminal,
        ...(google.retryDelayMs !== undefined ? { retryDelayMs: google.retryDelayMs } : {}),
      });
      tried.add(credential.id);
      const other = await nextCredential(credentials, model, tried);
      if (other.another) {
        // Rotation to another credential is not a backoff attempt.
        attempt -= 1;
        observer?.retried?.(kind, upstreamName);
        if (context) context.retries += 1;
        continue;
      }
      const delay = google.retryDelayMs;
      if (
        !terminal &&
        delay !== undefined &&
        delay <= retry.maxRateLimitWaitMs &&
        attempt < retry.maxAttempts
      ) {
        tried.clear();
        await retryAfter(kind, rateLimitDelay(delay, transport.random));
        continue;
      }
      // Google named no delay (an exhausted quota): the client still learns when to retry.
      throw withCooldownDelay(error, other.refusal);
    } else if (next === 'set-aside' && google) {
      // Google refuses the key itself (revoked, deleted): set it aside like a 403, try the next.
      credentials.report(credential, {
        kind: 'forbidden',
        reason: 'API_KEY_INVALID',
        message: google.message,
      });
      tried.add(credential.id);
      if ((await nextCredential(credentials, model, tried)).another) {
        attempt -= 1;
        observer?.retried?.(kind, upstreamName);
        if (context) context.retries += 1;
        continue;
      }
      throw new GatewayError({
        code: 'UPSTREAM_UNAUTHENTICATED',
        status: 503,
        message: `Google rejected the gateway's credentials: ${google.message} (API_KEY_INVALID; ${credential.id} is set aside, see GET /status).`,
      });
    } else if (response.status === 403 && google) {
      // Not retried here; the selector sets the credential aside (another backend may serve it).
      credentials.report(credential, {
        kind: 'forbidden',
        message: google.message,
        ...(google.reason ? { reason: google.reason } : {}),
      });
    } else if (next === 'backoff' && attempt < retry.maxAttempts) {
      await retryAfter(kind, backoffDelay(retry, attempt, transport.random));
      continue;
    }
    throw error;
  }
}

/** Whether another credential can take the request, and the selector's refusal when none can. */
async function nextCredential<C extends Credential>(
  credentials: CredentialSelector<C>,
  model: string,
  tried: ReadonlySet<string>,
): Promise<{ another: boolean; refusal?: unknown }> {
  try {
    const next = await credentials.acquire({ model, exclude: tried });
    return { another: !tried.has(next.id) };
  } catch (refusal) {
    return { another: false, refusal };
  }
}

/**
 * A 429 without Google's `RetryInfo` gets the selector's cooldown (or the default cooldown) as
 * its retry delay, and its message says when.
 */
function withCooldownDelay(error: GatewayError, refusal: unknown): GatewayError {
  const google = error.upstream;
  if (!google || google.retryDelayMs !== undefined) return error;
  const seconds =
    (GatewayError.isInstance(refusal) ? refusal.retryAfterSeconds : undefined) ??
    DEFAULT_COOLDOWN_SECONDS;
  const message = `${google.message} Retry in ${seconds}s.`;
  return new GatewayError({
    code: error.code,
    status: error.status,
    retry: error.retry,
    retryAfterSeconds: seconds,
    upstream: { ...google, message, retryDelayMs: seconds * 1000 },
    message,
  });
}

/** The account pool's cooldown after a 429 that named no delay. */
const DEFAULT_COOLDOWN_SECONDS = 10;
