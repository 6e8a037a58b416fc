const MARKER = Symbol.for('geminicli2api.oauth-store.OAuthStoreError');

/** What went wrong with an account's credentials. */
export type OAuthStoreErrorCode =
  | 'CREDENTIALS_NOT_FOUND'
  | 'CREDENTIALS_INVALID'
  | 'TOKEN_REFRESH_FAILED'
  | 'RELOGIN_REQUIRED'
  | 'PERSIST_FAILED'
  | 'PROJECT_DISCOVERY_FAILED'
  | 'ACCOUNT_INELIGIBLE';

/** Why Code Assist refuses an account (see `ACCOUNT_INELIGIBLE`). */
export type EligibilityReason =
  | 'UNSUPPORTED_CLIENT'
  | 'SUBSCRIPTION_REQUIRED'
  | 'SERVICE_DISABLED'
  | 'PROJECT_REQUIRED'
  | 'TOS_DISABLED'
  | 'VALIDATION_REQUIRED'
  | 'INELIGIBLE_ACCOUNT';

/** The typed eligibility problem of an account, with the URL that fixes it when there is one. */
export interface Eligibility {
  reason: EligibilityReason;
  /** Activation, validation or documentation URL the operator should open. */
  actionUrl?: string;
}

/**
 * An error about credentials, refresh, persistence or project discovery. Messages say what is
 * wrong and how to fix it; they never contain a token, a secret or the credentials' content.
 */
export class OAuthStoreError extends Error {
  readonly [MARKER] = true;
  readonly code: OAuthStoreErrorCode;
  /** True when trying again later may succeed (network failure, 5xx from the token endpoint). */
  readonly isRetryable: boolean;
  /** Where the credentials came from, e.g. `GEMINI_CREDENTIALS` or a file path. */
  readonly source: string | undefined;
  /** Set for `ACCOUNT_INELIGIBLE`: the typed reason and the URL that fixes it. */
  readonly eligibility: Eligibility | undefined;
  /**
   * The HTTP status Google answered, when the error is about an answer (e.g. 401 from a setup
   * call: the access token was refused, a fresh one may succeed).
   */
  readonly status: number | undefined;

  constructor({
    message,
    code,
    isRetryable = false,
    source,
    cause,
    eligibility,
    status,
  }: {
    message: string;
    code: OAuthStoreErrorCode;
    isRetryable?: boolean;
    source?: string;
    cause?: unknown;
    eligibility?: Eligibility;
    status?: number;
  }) {
    super(message, { cause });
    this.name = 'OAuthStoreError';
    this.code = code;
    this.isRetryable = isRetryable;
    this.source = source;
    this.eligibility = eligibility;
    this.status = status;
  }

  /** True for an OAuthStoreError from any copy of this package. */
  static isInstance(value: unknown): value is OAuthStoreError {
    return typeof value === 'object' && value !== null && MARKER in value;
  }
}
