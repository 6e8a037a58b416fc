import { quotaForModel, type EmulatorAccountState } from './emulator-account';

/** Requests per day the emulator pretends each model allows (scales `remainingAmount`). */
export const DAILY_REQUEST_LIMIT = 1000;

/** The next midnight UTC after `now`, as RFC 3339. */
export function nextMidnightUtc(now = Date.now()): string {
  const date = new Date(now);
  date.setUTCHours(24, 0, 0, 0);
  return date.toISOString().replace(/\.\d+Z$/, 'Z');
}

/** `POST :retrieveUserQuota`: one `REQUESTS` bucket per known model from the account's quota. */
export function buildUserQuotaResponse(
  account: EmulatorAccountState,
  models: readonly string[],
  now = Date.now(),
) {
  return {
    buckets: models.map((modelId) => {
      const quota = quotaForModel(account, modelId);
      const fraction = Math.min(1, Math.max(0, quota.remainingFraction));
      return {
        modelId,
        remainingAmount: String(Math.round(fraction * DAILY_REQUEST_LIMIT)),
        remainingFraction: fraction,
        resetTime: quota.resetTime ?? nextMidnightUtc(now),
        tokenType: 'REQUESTS',
      };
    }),
  };
}
