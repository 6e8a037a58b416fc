import { parseDurationMs, parseGoogleError } from './gemini-error-body';

const RATE_LIMIT = {
  error: {
    code: 429,
    message: 'You have exhausted your capacity on this model. Your quota will reset after 12s.',
    status: 'RESOURCE_EXHAUSTED',
    details: [
      {
        '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
        reason: 'RATE_LIMIT_EXCEEDED',
        domain: 'cloudcode-pa.googleapis.com',
        metadata: { uiMessage: 'true', model: 'gemini-2.5-pro', quotaResetDelay: '12.000000s' },
      },
      { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '12.5s' },
    ],
  },
};

describe('parseGoogleError', () => {
  it('reads status, message, reason and the RetryInfo delay from a plain body', () => {
    const error = parseGoogleError(JSON.stringify(RATE_LIMIT), 429);
    expect(error).toMatchObject({
      code: 429,
      status: 'RESOURCE_EXHAUSTED',
      reason: 'RATE_LIMIT_EXCEEDED',
      retryDelayMs: 12_500,
    });
    expect(error.message).toContain('exhausted your capacity');
  });

  it('unwraps the one-element array form streams use', () => {
    expect(parseGoogleError(JSON.stringify([RATE_LIMIT]), 429)).toEqual(
      parseGoogleError(JSON.stringify(RATE_LIMIT), 429),
    );
  });

  it('falls back to ErrorInfo quotaResetDelay when there is no RetryInfo', () => {
    const body = { error: { ...RATE_LIMIT.error, details: [RATE_LIMIT.error.details[0]] } };
    expect(parseGoogleError(body, 429).retryDelayMs).toBe(12_000);
  });

  it.each([
    [
      'an HTML proxy page',
      '<html><body>Bad Gateway</body></html>',
      502,
      'Upstream responded with HTTP 502',
      'INTERNAL',
    ],
    ['an empty body', '', 503, 'Upstream responded with HTTP 503', 'UNAVAILABLE'],
    ['a short text body', 'Service Unavailable', 503, 'Service Unavailable', 'UNAVAILABLE'],
    ['JSON without error', '{"foo":1}', 404, 'Upstream responded with HTTP 404', 'NOT_FOUND'],
  ])(
    'builds an error from the HTTP status for %s',
    (_name, body, status, message, googleStatus) => {
      expect(parseGoogleError(body, status)).toEqual({
        code: status,
        status: googleStatus,
        message,
        details: [],
      });
    },
  );
});

describe('parseDurationMs', () => {
  it.each([
    ['0.539477544s', 539],
    ['600s', 600_000],
    ['900ms', 900],
    ['161h39m41.3s', 581_981_300],
    ['539.477544ms', 539],
    ['1m', 60_000],
  ])('parses %s as %i ms', (text, ms) => {
    expect(parseDurationMs(text)).toBe(ms);
  });

  it.each(['', 'soon', '12', '5 s', '3days'])('rejects %p', (text) => {
    expect(parseDurationMs(text)).toBeUndefined();
  });
});
