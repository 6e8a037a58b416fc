import { readGoogleErrorBody } from '@geminicli2api/protocol-gemini';
import { OAuthStoreError, type Eligibility, type EligibilityReason } from './oauth-store-error';

/** Docs the CLI points Workspace / Standard users to when a project is required. */
export const PROJECT_DOCS_URL = 'https://goo.gle/gemini-cli-auth-docs#workspace-gca';

/** An `ineligibleTiers[]` entry of loadCodeAssist (only the fields used). */
export interface IneligibleTierInfo {
  reasonCode?: string | null | undefined;
  reasonMessage?: string | null | undefined;
  tierId?: string | null | undefined;
  validationUrl?: string | null | undefined;
}

/** A 403 from Code Assist, reduced to what classification needs. */
export interface ForbiddenInfo {
  /** `ErrorInfo.reason`, e.g. `SERVICE_DISABLED`, `SUBSCRIPTION_REQUIRED`, `TOS_VIOLATION`. */
  reason?: string | undefined;
  message: string;
  /** `ErrorInfo.metadata.activationUrl` or a `Help` link, when known. */
  url?: string | undefined;
}

const ADVICE: Record<EligibilityReason, string> = {
  UNSUPPORTED_CLIENT:
    'Google no longer serves individual (personal Google) accounts through Code Assist clients such as this gateway (retired in June 2026). Use a Gemini API key (GEMINI_API_KEY), Vertex AI (GOOGLE_GENAI_USE_VERTEXAI=true), or a Workspace / Standard account with GOOGLE_CLOUD_PROJECT',
  SUBSCRIPTION_REQUIRED:
    'The account lacks a Gemini Code Assist licence. Ask your Google Workspace / Cloud administrator to assign one, or use another account',
  SERVICE_DISABLED:
    'The Gemini for Google Cloud API (cloudaicompanion.googleapis.com) is not enabled in the project. Enable it, wait a few minutes, then retry',
  PROJECT_REQUIRED: `This account requires a Google Cloud project. Set GOOGLE_CLOUD_PROJECT (or GEMINI_PROJECT_ID) to your project id. See ${PROJECT_DOCS_URL}`,
  TOS_DISABLED:
    'Google disabled Code Assist for this account for a Terms of Service violation. Submit an appeal to Google or use another account',
  VALIDATION_REQUIRED:
    'Google requires you to verify this account in a browser before it can be used',
  INELIGIBLE_ACCOUNT: 'Code Assist refuses this account',
};

/** Builds the `ACCOUNT_INELIGIBLE` error: what is wrong, what to do, and the URL that fixes it. */
export function eligibilityError(
  source: string,
  reason: EligibilityReason,
  detail?: { googleMessage?: string | undefined; actionUrl?: string | undefined },
): OAuthStoreError {
  const eligibility: Eligibility = detail?.actionUrl
    ? { reason, actionUrl: detail.actionUrl }
    : { reason };
  const parts = [`Account ${source} cannot use Code Assist (${reason}): ${ADVICE[reason]}.`];
  if (detail?.actionUrl) parts.push(`Open ${detail.actionUrl}.`);
  if (detail?.googleMessage && reason === 'INELIGIBLE_ACCOUNT')
    parts.push(`Google says: ${detail.googleMessage}`);
  return new OAuthStoreError({
    code: 'ACCOUNT_INELIGIBLE',
    source,
    eligibility,
    message: parts.join(' '),
  });
}

/** Turns loadCodeAssist's `ineligibleTiers` into one eligibility error (the most specific entry wins). */
export function ineligibleTiersError(
  source: string,
  tiers: readonly IneligibleTierInfo[],
): OAuthStoreError {
  const pick =
    tiers.find((tier) => tier.reasonCode === 'UNSUPPORTED_CLIENT') ??
    tiers.find((tier) => tier.reasonCode === 'VALIDATION_REQUIRED' && tier.validationUrl) ??
    tiers[0];
  const message = tiers
    .map((tier) => tier.reasonMessage)
    .filter(Boolean)
    .join('; ');
  if (pick?.reasonCode === 'UNSUPPORTED_CLIENT')
    return eligibilityError(source, 'UNSUPPORTED_CLIENT');
  if (pick?.reasonCode === 'VALIDATION_REQUIRED' && pick.validationUrl) {
    return eligibilityError(source, 'VALIDATION_REQUIRED', { actionUrl: pick.validationUrl });
  }
  return eligibilityError(source, 'INELIGIBLE_ACCOUNT', {
    googleMessage: message || pick?.reasonCode || undefined,
  });
}

/** Classifies a 403 from Code Assist; undefined when it is not about the account's eligibility. */
export function classifyForbidden(
  info: ForbiddenInfo,
): { reason: EligibilityReason; actionUrl?: string } | undefined {
  const url = info.url ?? /https?:\/\/\S+?(?=[\s,;]|\.?\s|\.?$)/.exec(info.message)?.[0];
  switch (info.reason) {
    case 'SERVICE_DISABLED':
      return url ? { reason: 'SERVICE_DISABLED', actionUrl: url } : { reason: 'SERVICE_DISABLED' };
    case 'SUBSCRIPTION_REQUIRED':
      return { reason: 'SUBSCRIPTION_REQUIRED' };
    case 'TOS_VIOLATION':
      return { reason: 'TOS_DISABLED' };
    case 'VALIDATION_REQUIRED':
      return url
        ? { reason: 'VALIDATION_REQUIRED', actionUrl: url }
        : { reason: 'VALIDATION_REQUIRED' };
  }
  if (/Terms of Service/i.test(info.message)) return { reason: 'TOS_DISABLED' };
  if (/has not been used in project|is disabled/i.test(info.message)) {
    return url ? { reason: 'SERVICE_DISABLED', actionUrl: url } : { reason: 'SERVICE_DISABLED' };
  }
  if (/license|licence/i.test(info.message)) return { reason: 'SUBSCRIPTION_REQUIRED' };
  return undefined;
}

/** Reads a Google error body (plain or array-wrapped) into {@link ForbiddenInfo}. */
export function forbiddenInfoFromBody(text: string): ForbiddenInfo {
  const error = readGoogleErrorBody(text);
  let reason: string | undefined;
  let url: string | undefined;
  for (const detail of error?.details ?? []) {
    reason ??= detail.reason ?? undefined;
    url ??= detail.metadata?.['activationUrl'] ?? detail.links?.[0]?.url ?? undefined;
  }
  return { message: error?.message ?? '', reason, url };
}
