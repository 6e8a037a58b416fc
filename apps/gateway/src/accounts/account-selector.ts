import type { AbortLike } from '../upstream/abort-flag';

/** An account chosen for one upstream attempt, with what the call needs. */
export interface UpstreamAccount {
  /** Stable id for logs, metrics and /status (a file name or env name, never a token). */
  id: string;
  accessToken: string;
  projectId: string;
}

/** How an attempt with an account went, so the selector can apply cooldowns. */
export type AccountOutcome =
  | { kind: 'success' }
  /** 429: `terminal` when the quota will not come back soon (daily quota, QUOTA_EXHAUSTED). */
  | { kind: 'rate-limited'; model: string; retryDelayMs?: number; terminal: boolean }
  /** 403 naming a reason such as SERVICE_DISABLED or a ToS ban. */
  | { kind: 'forbidden'; reason?: string; message: string };

/**
 * Chooses Code Assist accounts for upstream calls. The upstream client's retry boundary calls
 * `acquire` once per attempt (passing the accounts already tried in this request, so a 429 moves
 * the request to the next account) and `report` after each attempt.
 */
export interface AccountSelector {
  /**
   * Picks an account for `model`, skipping `exclude` and accounts in cooldown. Throws a
   * `GatewayError` (503 or 429 with a retry delay) when none is usable.
   */
  acquire(options: {
    model: string;
    exclude: ReadonlySet<string>;
    /** The client's signal: a client that leaves stops waiting for account setup at once. */
    signal?: AbortLike | undefined;
  }): Promise<UpstreamAccount>;
  report(account: UpstreamAccount, outcome: AccountOutcome): void;
  /** Refreshes the account's access token after the upstream rejected it (401). */
  invalidate(account: UpstreamAccount): Promise<void>;
}
