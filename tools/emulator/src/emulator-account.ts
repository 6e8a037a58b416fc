import type { ForbiddenReason } from './forbidden-error';

/** Code Assist tier ids the emulator knows. */
export type EmulatorTierId = 'free-tier' | 'standard-tier' | 'legacy-tier';

/** Remaining quota of one model (or of every model when used globally). */
export interface EmulatorQuota {
  /** 0..1; 0 makes generate calls for the model answer 429 `QUOTA_EXHAUSTED`. */
  remainingFraction: number;
  /** RFC 3339 reset time; default: the next midnight UTC. */
  resetTime?: string;
}

/** An `ineligibleTiers[]` entry `loadCodeAssist` reports for the account. */
export interface EmulatorIneligibleTier {
  /** e.g. `INELIGIBLE_ACCOUNT`, `VALIDATION_REQUIRED`, `UNSUPPORTED_LOCATION`. */
  reasonCode: string;
  reasonMessage: string;
  tierId?: EmulatorTierId;
  validationUrl?: string;
}

/** A Google account the emulator serves, identified by its refresh token. */
export interface EmulatorAccount {
  /** The refresh token the token endpoint accepts; also the account id everywhere else. */
  refreshToken: string;
  /** When set, the token endpoint requires this `client_id`. */
  clientId?: string;
  /** When set, the token endpoint requires this `client_secret`. */
  clientSecret?: string;
  /** A static bearer token that never expires (lets tests skip OAuth). */
  accessToken?: string;
  /** Email reported in the `id_token`; default `<refreshToken>@emulator.test`. */
  email?: string;
  /** Current (or, when not onboarded, default) tier; default `standard-tier`. */
  tier?: EmulatorTierId;
  /** Whether `loadCodeAssist` reports a `currentTier`; default true. */
  onboarded?: boolean;
  /** The `cloudaicompanionProject`; default a generated `emulated-project-<n>`. */
  project?: string;
  /** `ineligibleTiers` reported by `loadCodeAssist`. */
  ineligible?: EmulatorIneligibleTier[];
  /** Every `v1internal` call answers the matching 403. */
  forbidden?: ForbiddenReason;
  /** Standard tier without a project: `loadCodeAssist` omits `cloudaicompanionProject`. */
  requiresProject?: boolean;
  /** Quota for every model, or per model id. */
  quota?: EmulatorQuota | Record<string, EmulatorQuota>;
  /** Generate calls answer 429 `QUOTA_EXHAUSTED` with a long `RetryInfo`. */
  quotaExhausted?: boolean;
  /** The token endpoint answers `invalid_grant` ("Token has been expired or revoked."). */
  invalidGrant?: boolean;
  /**
   * Makes the account a service account: the token endpoint's JWT-bearer grant accepts
   * assertions with `iss` = `email`, signed (RS256) by the private key of this PEM public key.
   */
  serviceAccountPublicKey?: string;
}

/** The live, mutable state of an account (returned by `Emulator.account`). */
export interface EmulatorAccountState {
  refreshToken: string;
  clientId?: string;
  clientSecret?: string;
  accessToken?: string;
  email: string;
  tier: EmulatorTierId;
  onboarded: boolean;
  /** The configured or onboarded project; undefined when the account has none. */
  project?: string;
  ineligible: EmulatorIneligibleTier[];
  forbidden?: ForbiddenReason;
  requiresProject: boolean;
  quota?: EmulatorQuota | Record<string, EmulatorQuota>;
  quotaExhausted: boolean;
  invalidGrant: boolean;
  serviceAccountPublicKey?: string;
}

/** The account every emulator serves by default: onboarded, standard tier, project `demo-project`. */
export const DEMO_ACCOUNT: EmulatorAccount = Object.freeze({
  refreshToken: 'demo-refresh-token',
  email: 'demo@emulator.test',
  tier: 'standard-tier',
  onboarded: true,
  project: 'demo-project',
});

/** Turns an account description into its live state; `nextProject` names a missing project. */
export function createAccountState(
  account: EmulatorAccount,
  nextProject: () => string,
): EmulatorAccountState {
  const requiresProject = account.requiresProject ?? false;
  const onboarded = account.onboarded ?? true;
  const state: EmulatorAccountState = {
    refreshToken: account.refreshToken,
    email: account.email ?? `${account.refreshToken}@emulator.test`,
    tier: account.tier ?? 'standard-tier',
    onboarded,
    ineligible: account.ineligible ?? [],
    requiresProject,
    quotaExhausted: account.quotaExhausted ?? false,
    invalidGrant: account.invalidGrant ?? false,
  };
  if (account.clientId !== undefined) state.clientId = account.clientId;
  if (account.clientSecret !== undefined) state.clientSecret = account.clientSecret;
  if (account.accessToken !== undefined) state.accessToken = account.accessToken;
  if (account.forbidden !== undefined) state.forbidden = account.forbidden;
  if (account.quota !== undefined) state.quota = account.quota;
  if (account.serviceAccountPublicKey !== undefined)
    state.serviceAccountPublicKey = account.serviceAccountPublicKey;
  if (account.project !== undefined) state.project = account.project;
  else if (onboarded && !requiresProject) state.project = nextProject();
  return state;
}

/** The quota that applies to `model` for an account (default: full). */
export function quotaForModel(state: EmulatorAccountState, model: string): EmulatorQuota {
  const quota = state.quota;
  if (state.quotaExhausted) return { remainingFraction: 0, ...resetOf(quota, model) };
  if (quota === undefined) return { remainingFraction: 1 };
  if (isSingleQuota(quota)) return quota;
  return quota[model] ?? { remainingFraction: 1 };
}

function resetOf(quota: EmulatorAccountState['quota'], model: string): { resetTime?: string } {
  if (quota === undefined) return {};
  const entry = isSingleQuota(quota) ? quota : quota[model];
  return entry?.resetTime === undefined ? {} : { resetTime: entry.resetTime };
}

function isSingleQuota(
  quota: EmulatorQuota | Record<string, EmulatorQuota>,
): quota is EmulatorQuota {
  return typeof (quota as EmulatorQuota).remainingFraction === 'number';
}
