import { parseGoogleError } from '@geminicli2api/protocol-gemini';
import { mapGeminiErrorToOpenAIError } from './map-gemini-error-to-openai-error';

const google = (code: number, status: string, message = 'm', details: object[] = []) =>
  parseGoogleError({ error: { code, status, message, details } }, code);

describe('mapGeminiErrorToOpenAIError', () => {
  it('E72: 429 with RetryInfo gives rate_limit_error and Retry-After headers', () => {
    const mapped = mapGeminiErrorToOpenAIError(
      google(429, 'RESOURCE_EXHAUSTED', 'slow down', [
        { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '34.4s' },
      ]),
    );
    expect(mapped).toEqual({
      status: 429,
      headers: { 'retry-after': '35', 'retry-after-ms': '34400' },
      body: {
        error: {
          message: 'slow down',
          type: 'rate_limit_error',
          param: null,
          code: 'rate_limit_exceeded',
        },
      },
    });
  });

  it('E73: an array-wrapped body maps the same as a plain one', () => {
    const body = { error: { code: 400, status: 'INVALID_ARGUMENT', message: 'bad' } };
    expect(mapGeminiErrorToOpenAIError(parseGoogleError([body], 400))).toEqual(
      mapGeminiErrorToOpenAIError(parseGoogleError(body, 400)),
    );
  });

  it('E74: a too-long prompt is context_length_exceeded', () => {
    const mapped = mapGeminiErrorToOpenAIError(
      google(
        400,
        'INVALID_ARGUMENT',
        'The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).',
      ),
    );
    expect(mapped.body.error).toMatchObject({
      type: 'invalid_request_error',
      code: 'context_length_exceeded',
    });
  });

  it.each([
    ['QUOTA_EXHAUSTED', 'insufficient_quota', 'insufficient_quota'],
    ['MODEL_CAPACITY_EXHAUSTED', 'rate_limit_error', 'model_capacity_exhausted'],
    ['RATE_LIMIT_EXCEEDED', 'rate_limit_error', 'rate_limit_exceeded'],
  ])('429 with reason %s is %s / %s', (reason, type, code) => {
    const mapped = mapGeminiErrorToOpenAIError(
      google(429, 'RESOURCE_EXHAUSTED', 'm', [
        { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason },
      ]),
    );
    expect(mapped.body.error).toMatchObject({ type, code });
  });

  it('a daily QuotaFailure is terminal: insufficient_quota', () => {
    const mapped = mapGeminiErrorToOpenAIError(
      google(429, 'RESOURCE_EXHAUSTED', 'm', [
        {
          '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
          violations: [{ quotaId: 'RequestsPerDayPerUser' }],
        },
      ]),
    );
    expect(mapped.body.error.code).toBe('insufficient_quota');
  });

  it.each([
    [401, 'UNAUTHENTICATED', 401, 'authentication_error'],
    [403, 'PERMISSION_DENIED', 403, 'permission_error'],
    [404, 'NOT_FOUND', 404, 'invalid_request_error'],
    [500, 'INTERNAL', 500, 'server_error'],
    [501, 'UNIMPLEMENTED', 400, 'invalid_request_error'],
    [503, 'UNAVAILABLE', 503, 'server_error'],
    [504, 'DEADLINE_EXCEEDED', 504, 'server_error'],
    [502, 'SOMETHING_NEW', 502, 'server_error'],
  ])('%i %s → HTTP %i %s', (code, status, httpStatus, type) => {
    const mapped = mapGeminiErrorToOpenAIError(google(code, status));
    expect(mapped.status).toBe(httpStatus);
    expect(mapped.body.error.type).toBe(type);
    expect(typeof mapped.body.error.code === 'string' || mapped.body.error.code === null).toBe(
      true,
    );
  });
});
