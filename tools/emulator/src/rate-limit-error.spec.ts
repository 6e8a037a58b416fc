import { createForbiddenError } from './forbidden-error';
import { createRateLimitError } from './rate-limit-error';

const now = Date.UTC(2026, 7, 21, 10, 0, 0);

describe('createRateLimitError', () => {
  it('builds the Cloud Code RATE_LIMIT_EXCEEDED body with ErrorInfo and RetryInfo', () => {
    expect(
      createRateLimitError({
        reason: 'RATE_LIMIT_EXCEEDED',
        retryDelaySeconds: 12,
        model: 'gemini-2.5-pro',
        now,
      }),
    ).toEqual({
      code: 429,
      message: 'You have exhausted your capacity on this model. Your quota will reset after 12s.',
      status: 'RESOURCE_EXHAUSTED',
      details: [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: 'RATE_LIMIT_EXCEEDED',
          domain: 'cloudcode-pa.googleapis.com',
          metadata: {
            uiMessage: 'true',
            model: 'gemini-2.5-pro',
            quotaResetDelay: '12s',
            quotaResetTimeStamp: '2026-08-21T10:00:12Z',
          },
        },
        { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '12s' },
      ],
    });
  });

  it('names the model in a capacity error', () => {
    const error = createRateLimitError({
      reason: 'MODEL_CAPACITY_EXHAUSTED',
      retryDelaySeconds: 9,
      model: 'gemini-3.1-pro-preview',
      now,
    });
    expect(error.message).toBe(
      'No capacity available for model gemini-3.1-pro-preview on the server',
    );
    expect(error.details?.[0]).toMatchObject({
      reason: 'MODEL_CAPACITY_EXHAUSTED',
      metadata: { model: 'gemini-3.1-pro-preview' },
    });
    expect(error.details?.[1]).toEqual({
      '@type': 'type.googleapis.com/google.rpc.RetryInfo',
      retryDelay: '9s',
    });
  });
});

describe('createForbiddenError', () => {
  it('gives SERVICE_DISABLED an activation URL for the project', () => {
    const error = createForbiddenError('SERVICE_DISABLED', 'my-proj');
    expect(error).toMatchObject({ code: 403, status: 'PERMISSION_DENIED' });
    expect(error.message).toContain(
      'Gemini for Google Cloud API has not been used in project my-proj',
    );
    expect(error.details?.[0]).toMatchObject({
      reason: 'SERVICE_DISABLED',
      domain: 'googleapis.com',
      metadata: {
        service: 'cloudaicompanion.googleapis.com',
        activationUrl:
          'https://console.developers.google.com/apis/api/cloudaicompanion.googleapis.com/overview?project=my-proj',
      },
    });
  });

  it.each([
    ['TOS_DISABLED', 'violation of Terms of Service', 'cloudcode-pa.googleapis.com'],
    ['SUBSCRIPTION_REQUIRED', 'Gemini Code Assist license', 'cloudaicompanion.googleapis.com'],
  ] as const)('describes %s', (reason, text, domain) => {
    const error = createForbiddenError(reason, 'p');
    expect(error.code).toBe(403);
    expect(error.message).toContain(text);
    expect(error.details?.[0]).toMatchObject({
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      domain,
    });
  });
});
