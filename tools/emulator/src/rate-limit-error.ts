import { formatGoDuration, formatProtoDuration } from './format-duration';
import { createGoogleError, type GoogleError } from './google-error';

/** `ErrorInfo.reason` values the emulator uses on 429s. */
export type RateLimitReason =
  'RATE_LIMIT_EXCEEDED' | 'QUOTA_EXHAUSTED' | 'MODEL_CAPACITY_EXHAUSTED';

/** Domain Cloud Code puts in its `ErrorInfo` details. */
export const CLOUD_CODE_DOMAIN = 'cloudcode-pa.googleapis.com';

/**
 * Builds a Cloud Code 429 `RESOURCE_EXHAUSTED` error with a cloudcode-domain `ErrorInfo`
 * (`quotaResetDelay`, `quotaResetTimeStamp`, `model`) and a `RetryInfo`, shaped like the bodies
 * in the protocol reference §7.2.
 */
export function createRateLimitError(options: {
  reason: RateLimitReason;
  retryDelaySeconds: number;
  model?: string;
  now?: number;
}): GoogleError {
  const { reason, retryDelaySeconds, model = 'gemini-2.5-pro', now = Date.now() } = options;
  const resetAt = new Date(now + retryDelaySeconds * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
  const message =
    reason === 'MODEL_CAPACITY_EXHAUSTED'
      ? `No capacity available for model ${model} on the server`
      : `You have exhausted your capacity on this model. Your quota will reset after ${formatGoDuration(retryDelaySeconds)}.`;
  const metadata: Record<string, string> =
    reason === 'MODEL_CAPACITY_EXHAUSTED'
      ? { model }
      : {
          uiMessage: 'true',
          model,
          quotaResetDelay: formatGoDuration(retryDelaySeconds),
          quotaResetTimeStamp: resetAt,
        };
  return createGoogleError({
    code: 429,
    message,
    details: [
      {
        '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
        reason,
        domain: CLOUD_CODE_DOMAIN,
        metadata,
      },
      {
        '@type': 'type.googleapis.com/google.rpc.RetryInfo',
        retryDelay: formatProtoDuration(retryDelaySeconds),
      },
    ],
  });
}
