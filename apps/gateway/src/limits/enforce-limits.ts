import { GatewayError } from '../gateway-error';
import type { RequestContext } from '../middleware/request-context';
import { compileModelGlobs } from './model-allow-list';
import type { AdmitResult, RateWindows, WindowLimits } from './rate-windows';

/** What a client key is allowed: its windows and the models it may use. */
export interface KeyLimits extends WindowLimits {
  keyId: string;
  /** The allow-list as configured (for messages), and its compiled matcher. */
  models: readonly string[] | null;
  allows: ((model: string) => boolean) | null;
}

/** Builds a key's limits once (when the key cache loads), not per request. */
export function keyLimits(key: {
  id: string;
  models: readonly string[] | null;
  rpm: number | null;
  tpm: number | null;
  dailyTokens: number | null;
}): KeyLimits {
  return {
    keyId: key.id,
    models: key.models,
    allows: key.models && key.models.length > 0 ? compileModelGlobs(key.models) : null,
    rpm: key.rpm,
    tpm: key.tpm,
    dailyTokens: key.dailyTokens,
  };
}

/** True when the key carries no limit at all (its requests skip the windows). */
function unlimited(limits: KeyLimits): boolean {
  return limits.rpm === null && limits.tpm === null && limits.dailyTokens === null;
}

/** An admission under way (see {@link beginAdmission}). */
export interface Admission {
  /** Resolves when the call is admitted; rejects with the 429 when it is not. */
  decided: Promise<void>;
  /**
   * The key's last known counts are far from its limits (Redis windows only): the upstream call
   * may start while the admission is decided, and is cancelled if it is refused.
   */
  likely: boolean;
}

/** Nothing to count: already decided, so nothing needs to start early (no speculation set-up). */
const NO_LIMITS: Admission = { decided: Promise.resolve(), likely: false };

/**
 * Starts admitting a backend call of `model` for the request's key, before anything goes
 * upstream: a model outside the allow-list is a 403 naming the allowed ones (thrown at once); a
 * request over rpm, tpm or the daily tokens is a 429 with Retry-After and OpenAI's
 * x-ratelimit-* headers (which an admitted request gets too). Requests without a key's limits
 * (the admin password) pass.
 */
export function beginAdmission(
  windows: RateWindows,
  context: RequestContext | undefined,
  model: string,
  now = Date.now(),
): Admission {
  if (context && !context.model) context.model = model;
  const principal = context?.principal;
  const limits = principal?.limits;
  if (!limits) return NO_LIMITS;
  if (limits.allows) {
    const asked = context?.requestedModel;
    if (!limits.allows(model) && !(asked !== undefined && limits.allows(asked))) {
      throw new GatewayError({
        code: 'FORBIDDEN',
        status: 403,
        param: 'model',
        message: `This API key may not use the model ${asked ?? model}. Allowed models: ${limits.models?.join(', ')}.`,
      });
    }
  }
  if (unlimited(limits)) return NO_LIMITS;
  const likely = windows.likelyAdmits?.(limits.keyId, limits, now) ?? false;
  return { decided: decide(windows, limits, principal.setHeaders, now), likely };
}

/** {@link beginAdmission}, awaited. */
export async function admitCall(
  windows: RateWindows,
  context: RequestContext | undefined,
  model: string,
  now = Date.now(),
): Promise<void> {
  await beginAdmission(windows, context, model, now).decided;
}

async function decide(
  windows: RateWindows,
  limits: KeyLimits,
  setHeaders: ((headers: Record<string, string>) => void) | undefined,
  now: number,
): Promise<void> {
  const result = await windows.admit(limits.keyId, limits, now);
  const headers = rateLimitHeaders(limits, result, now);
  if (result.verdict === 'ok') {
    setHeaders?.(headers);
    return;
  }
  const retryAfter = Math.max(1, Math.ceil(retryAfterMs(result, now) / 1000));
  headers['retry-after'] = String(retryAfter);
  const what = {
    rpm: `${limits.rpm} requests per minute`,
    tpm: `${limits.tpm} tokens per minute`,
    daily: `${limits.dailyTokens} tokens per day (UTC)`,
  }[result.verdict];
  throw new GatewayError({
    code: 'RATE_LIMITED',
    status: 429,
    headers,
    message: `This API key is over its limit of ${what}. Retry in ${retryAfter}s.`,
  });
}

function retryAfterMs(result: AdmitResult, now: number): number {
  switch (result.verdict) {
    case 'rpm':
      return result.requestsFreeAt - now;
    case 'tpm':
      return result.tokensFreeAt - now;
    default:
      return nextUtcMidnight(now) - now;
  }
}

function nextUtcMidnight(now: number): number {
  const date = new Date(now);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 1);
}

/** OpenAI's headers: limit, remaining and reset for requests and for tokens. */
export function rateLimitHeaders(
  limits: KeyLimits,
  result: AdmitResult,
  now: number,
): Record<string, string> {
  const headers: Record<string, string> = {};
  if (limits.rpm !== null) {
    headers['x-ratelimit-limit-requests'] = String(limits.rpm);
    headers['x-ratelimit-remaining-requests'] = String(Math.max(0, limits.rpm - result.requests));
    headers['x-ratelimit-reset-requests'] = formatReset(
      result.requestsFreeAt ? result.requestsFreeAt - now : 0,
    );
  }
  // Tokens: the per-minute limit when set, else the daily one.
  if (limits.tpm !== null) {
    headers['x-ratelimit-limit-tokens'] = String(limits.tpm);
    headers['x-ratelimit-remaining-tokens'] = String(Math.max(0, limits.tpm - result.minuteTokens));
    headers['x-ratelimit-reset-tokens'] = formatReset(
      result.tokensFreeAt ? result.tokensFreeAt - now : 0,
    );
  } else if (limits.dailyTokens !== null) {
    headers['x-ratelimit-limit-tokens'] = String(limits.dailyTokens);
    headers['x-ratelimit-remaining-tokens'] = String(
      Math.max(0, limits.dailyTokens - result.dayTokens),
    );
    headers['x-ratelimit-reset-tokens'] = formatReset(nextUtcMidnight(now) - now);
  }
  return headers;
}

/** OpenAI's duration format: `1s`, `6m0s`, `2h5m3s` (whole seconds, at least 0s). */
export function formatReset(ms: number): string {
  let seconds = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(seconds / 3600);
  seconds -= hours * 3600;
  const minutes = Math.floor(seconds / 60);
  seconds -= minutes * 60;
  if (hours) return `${hours}h${minutes}m${seconds}s`;
  if (minutes) return `${minutes}m${seconds}s`;
  return `${seconds}s`;
}
