import { describeTier, TIER_IDS } from './code-assist-tiers';
import type { EmulatorAccountState } from './emulator-account';
import { isJsonObject } from './json-object';

/**
 * Builds the `loadCodeAssist` answer from an account's state (protocol reference §5):
 * onboarded → `currentTier`, `allowedTiers`, `cloudaicompanionProject`; `requiresProject` →
 * `currentTier` without a project unless the request names one; not onboarded → `allowedTiers`
 * only (the account's tier is the default); `ineligibleTiers` whenever configured.
 */
export function buildLoadCodeAssistResponse(
  account: EmulatorAccountState,
  body: unknown,
): Record<string, unknown> {
  const ineligibleIds = new Set(account.ineligible.map((entry) => entry.tierId).filter(Boolean));
  const allowedIds = TIER_IDS.filter((id) => id !== 'legacy-tier' && !ineligibleIds.has(id));
  const defaultId = allowedIds.includes(account.tier) ? account.tier : allowedIds[0];
  const result: Record<string, unknown> = {};
  if (account.onboarded) result.currentTier = describeTier(account.tier);
  result.allowedTiers = allowedIds.map((id) => describeTier(id, id === defaultId));
  if (account.ineligible.length > 0) {
    result.ineligibleTiers = account.ineligible.map((entry) => {
      const tierId = entry.tierId ?? 'free-tier';
      const tier: Record<string, unknown> = {
        reasonCode: entry.reasonCode,
        reasonMessage: entry.reasonMessage,
        tierId,
        tierName: describeTier(tierId).name,
      };
      if (entry.validationUrl !== undefined) {
        tier.validationUrl = entry.validationUrl;
        tier.validationUrlLinkText = 'Verify your account';
      }
      return tier;
    });
  }
  if (!account.onboarded) return result;
  const requested = isJsonObject(body) ? body.cloudaicompanionProject : undefined;
  if (account.requiresProject && account.project === undefined) {
    if (typeof requested === 'string' && requested !== '')
      result.cloudaicompanionProject = requested;
  } else if (account.project !== undefined) {
    result.cloudaicompanionProject = account.project;
  }
  return result;
}
