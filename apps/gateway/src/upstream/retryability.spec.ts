import { OAuthStoreError } from '@geminicli2api/oauth-store';
import { GatewayError } from '../gateway-error';
import { withUpstreamParam } from '../routes/upstream-param';
import { createConcurrencyLimiter } from './concurrency-limiter';
import { retryabilityOf, type Retryability } from './retryability';
import { unreachable } from './unreachable-error';
import { toUpstreamError } from './upstream-error';

/** Google's error body for `status`, with an ErrorInfo reason and a RetryInfo delay when given. */
function googleBody(
  code: number,
  {
    reason,
    retrySeconds,
    message,
  }: { reason?: string; retrySeconds?: number; message?: string } = {},
): string {
  const details: Record<string, unknown>[] = [];
  if (reason)
    details.push({ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason, domain: 'x' });
  if (retrySeconds !== undefined)
    details.push({
      '@type': 'type.googleapis.com/google.rpc.RetryInfo',
      retryDelay: `${retrySeconds}s`,
    });
  return JSON.stringify({
    error: { code, status: 'SOME_STATUS', message: message ?? `HTTP ${code} happened`, details },
  });
}

/** The error `sendUpstream` makes of Google's answer `status` with `body`. */
function fromGoogle(status: number, body = googleBody(status)): Promise<GatewayError> {
  return toUpstreamError({ status, text: async () => body }, 'Code Assist');
}

const decision = (
  attempt: Retryability['attempt'],
  otherBackend: boolean,
  otherModel?: Retryability['otherModel'],
): Retryability => ({ attempt, otherBackend, otherModel });

describe('retryability: decided once, where the error is made', () => {
  // Google's answer → [what the client would get, what may cure it].
  const upstreamTable: [string, () => Promise<GatewayError>, number, Retryability][] = [
    ['400 (a bad request)', () => fromGoogle(400), 400, decision('none', false)],
    [
      '400 API_KEY_INVALID',
      () => fromGoogle(400, googleBody(400, { reason: 'API_KEY_INVALID' })),
      400,
      decision('set-aside', false),
    ],
    [
      '400 "API key not valid"',
      () =>
        fromGoogle(
          400,
          googleBody(400, { message: 'API key not valid. Please pass a valid API key.' }),
        ),
      400,
      decision('set-aside', false),
    ],
    ['401 (the gateway token)', () => fromGoogle(401), 503, decision('refresh', false)],
    ['403 (a refusal)', () => fromGoogle(403), 403, decision('none', true)],
    ['404 (model not found)', () => fromGoogle(404), 404, decision('none', false, 'not-found')],
    ['408 (unexpected)', () => fromGoogle(408), 502, decision('none', false)],
    [
      '429 with a short RetryInfo',
      () => fromGoogle(429, googleBody(429, { retrySeconds: 5 })),
      429,
      decision('rotate-or-wait', true, 'exhausted'),
    ],
    [
      '429 without RetryInfo',
      () => fromGoogle(429),
      429,
      decision('rotate-or-wait', true, 'exhausted'),
    ],
    [
      '429 QUOTA_EXHAUSTED',
      () => fromGoogle(429, googleBody(429, { reason: 'QUOTA_EXHAUSTED' })),
      429,
      decision('rotate', true, 'exhausted'),
    ],
    [
      '429 with a RetryInfo over five minutes',
      () => fromGoogle(429, googleBody(429, { retrySeconds: 600 })),
      429,
      decision('rotate', true, 'exhausted'),
    ],
    ['499 (cancelled)', () => fromGoogle(499), 502, decision('backoff', false)],
    ['500', () => fromGoogle(500), 500, decision('backoff', false)],
    ['502 (unexpected)', () => fromGoogle(502), 502, decision('backoff', false)],
    ['503 (overloaded)', () => fromGoogle(503), 503, decision('backoff', false, 'overloaded')],
    ['504', () => fromGoogle(504), 504, decision('backoff', false)],
  ];

  it.each(upstreamTable)('Google %s', async (_name, make, clientStatus, expected) => {
    const error = await make();
    expect(error.status).toBe(clientStatus);
    expect(retryabilityOf(error)).toEqual(expected);
  });

  it('a connection failure or first-byte timeout: the same request after a backoff, nothing else', () => {
    const transport = { firstByteTimeoutMs: 1000, connectTimeoutMs: 1000 };
    for (const kind of ['network', 'timeout-first-byte'] as const) {
      const error = unreachable('Code Assist', 'https://x.test/', kind, transport, new Error('x'));
      expect(retryabilityOf(error)).toEqual(decision('backoff', false));
    }
  });

  // Errors the gateway makes itself: derived from the code and status the client gets.
  const gatewayTable: [string, () => unknown, Retryability][] = [
    [
      'every account rate-limited (ACCOUNT_UNAVAILABLE 429)',
      () => new GatewayError({ code: 'ACCOUNT_UNAVAILABLE', status: 429, message: 'x' }),
      decision('none', true, 'exhausted'),
    ],
    [
      'no account can serve (ACCOUNT_UNAVAILABLE 503)',
      () => new GatewayError({ code: 'ACCOUNT_UNAVAILABLE', status: 503, message: 'x' }),
      decision('none', true),
    ],
    [
      'a client key over its limit (RATE_LIMITED 429)',
      () => new GatewayError({ code: 'RATE_LIMITED', status: 429, message: 'x' }),
      decision('none', true),
    ],
    [
      'a bad request of the gateway (INVALID_REQUEST 400)',
      () => new GatewayError({ code: 'INVALID_REQUEST', status: 400, message: 'x' }),
      decision('none', false),
    ],
    [
      'a 404 the gateway made (not Google)',
      () => new GatewayError({ code: 'NOT_FOUND', status: 404, message: 'x' }),
      decision('none', false),
    ],
    [
      'a token refresh or account setup failure (OAuthStoreError)',
      () => new OAuthStoreError({ code: 'RELOGIN_REQUIRED', message: 'x' }),
      decision('none', true),
    ],
    ['anything else', () => new Error('x'), decision('none', false)],
  ];

  it.each(gatewayTable)('%s', (_name, make, expected) => {
    expect(retryabilityOf(make())).toEqual(expected);
  });

  it('the full queue of the concurrency limit: another backend or model, no new attempt', async () => {
    const limiter = createConcurrencyLimiter({
      maxInFlight: 1,
      maxQueued: 0,
      retryAfterSeconds: 1,
    });
    const release = await limiter.acquire();
    const refusal: unknown = await limiter.acquire().catch((error: unknown) => error);
    release();
    expect(retryabilityOf(refusal)).toEqual(decision('none', true, 'exhausted'));
  });

  it('what the maker says overrides the derived answer', () => {
    const error = new GatewayError({
      code: 'UPSTREAM_UNREACHABLE',
      status: 502,
      message: 'x',
      retry: { attempt: 'backoff' },
    });
    expect(error.retry).toEqual(decision('backoff', false));
  });

  it('an upstream 400 given its param keeps its retryability', async () => {
    const error = await fromGoogle(400, googleBody(400, { reason: 'API_KEY_INVALID' }));
    const withParam = withUpstreamParam(error, () => 'messages[2]');
    expect(withParam).not.toBe(error);
    expect((withParam as GatewayError).param).toBe('messages[2]');
    expect(retryabilityOf(withParam)).toEqual(error.retry);
  });
});
