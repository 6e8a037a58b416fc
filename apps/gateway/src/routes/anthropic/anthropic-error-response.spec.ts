import type { GoogleError } from '@geminicli2api/protocol-gemini';
import { TranslationError } from '@geminicli2api/translator';
import { GatewayError } from '../../gateway-error';
import { toAnthropicErrorResponse } from './anthropic-error-response';

const google = (fields: Partial<GoogleError>): GatewayError =>
  new GatewayError({
    code: 'UPSTREAM_ERROR',
    status: fields.code ?? 500,
    message: fields.message ?? 'upstream',
    upstream: { code: 500, status: 'INTERNAL', message: 'upstream', details: [], ...fields },
  });

describe('toAnthropicErrorResponse', () => {
  it.each([
    ['Google 503', 529, 'overloaded_error', google({ code: 503, status: 'UNAVAILABLE' })],
    [
      'a model-capacity 429',
      529,
      'overloaded_error',
      google({ code: 429, status: 'RESOURCE_EXHAUSTED', reason: 'MODEL_CAPACITY_EXHAUSTED' }),
    ],
    ['a rate limit', 429, 'rate_limit_error', google({ code: 429, status: 'RESOURCE_EXHAUSTED' })],
    [
      "Google rejecting the gateway's credentials",
      503,
      'api_error',
      google({ code: 401, status: 'UNAUTHENTICATED' }),
    ],
    ['Google 403', 403, 'permission_error', google({ code: 403, status: 'PERMISSION_DENIED' })],
    ['Google 404', 404, 'not_found_error', google({ code: 404, status: 'NOT_FOUND' })],
    ['Google 500', 500, 'api_error', google({ code: 500, status: 'INTERNAL' })],
    [
      'a wrong password',
      401,
      'authentication_error',
      new GatewayError({ code: 'UNAUTHORIZED', status: 401, message: 'no' }),
    ],
    [
      'no credentials',
      503,
      'api_error',
      new GatewayError({ code: 'NO_CREDENTIALS', status: 503, message: 'none' }),
    ],
    [
      'a translation error',
      400,
      'invalid_request_error',
      new TranslationError({ message: 'bad', param: 'messages.0' }),
    ],
    [
      'a body over the limit',
      413,
      'request_too_large',
      Object.assign(new Error('big'), { type: 'entity.too.large', status: 413 }),
    ],
    ['anything else', 500, 'api_error', new Error('boom')],
  ])('%s → %i %s', (_name, status, type, error) => {
    const mapped = toAnthropicErrorResponse(error);
    expect(mapped.status).toBe(status);
    expect(mapped.body).toEqual({ type: 'error', error: { type, message: expect.any(String) } });
  });

  it('keeps retry-after from Google and never leaks internals of unknown errors', () => {
    const limited = toAnthropicErrorResponse(
      google({ code: 429, status: 'RESOURCE_EXHAUSTED', retryDelayMs: 2_300 }),
    );
    expect(limited.headers['retry-after']).toBe('3');
    expect(
      JSON.stringify(toAnthropicErrorResponse(new Error('secret /home/x')).body),
    ).not.toContain('secret');
  });
});
