import {
  classifyForbidden,
  eligibilityError,
  OAuthStoreError,
  retrieveUserQuota,
  type CodeAssistProject,
  type LoadedCredentials,
} from '@geminicli2api/oauth-store';
import { AccountPool, type PoolAccountSnapshot, type SelectionStrategy } from './account-pool';
import { GatewayError } from '../gateway-error';
import { errorSummary } from '../middleware/error-handler';
import type { AccountSelector, UpstreamAccount } from './account-selector';
import { untilAborted } from '../upstream/until-aborted';
import {
  accountDeadline,
  createManagedAccount,
  type ManagedAccount,
  type ManagedAccountSettings,
} from './managed-account';

/** Options of {@link createCodeAssistPool}. */
export interface CodeAssistPoolOptions extends ManagedAccountSettings {
  accounts: readonly LoadedCredentials[];
  strategy?: SelectionStrategy;
  now?: () => number;
}

/** One account as `/status` shows it: never a token. */
export interface AccountStatus extends Omit<PoolAccountSnapshot, 'cooldowns' | 'quota'> {
  label: string;
  source: 'env' | 'file';
  format: string;
  project: string | null;
  tier: string | null;
  cooldowns: { model: string; until: string; terminal: boolean }[];
  quota: {
    checkedAt: string;
    buckets: { model: string; remainingFraction: number; resetTime?: string }[];
  } | null;
}

/** The Code Assist account selector plus what the app needs to show and maintain the pool. */
export interface CodeAssistPool extends AccountSelector {
  status(): AccountStatus[];
  /** Sets every account up now (start-up), recording failures per account. */
  prepare(): Promise<void>;
  /** Asks `retrieveUserQuota` for every ready account and feeds the answers to the pool. */
  refreshQuota(): Promise<void>;
  /** Sets an account aside or back (console, /admin); false when `id` is unknown. */
  setDisabled(id: string, disabled: boolean): boolean;
  /** Serves with one more account from now on (a console sign-in); false when it is already there. */
  add(loaded: LoadedCredentials): boolean;
}

/**
 * Several Code Assist accounts behind one `AccountSelector`: each attempt gets the next usable
 * account (token refreshed, project set up); failures are recorded per account (re-login needed,
 * ineligible, transiently failing) and the next account is tried, so one bad account never
 * reaches the client while another works.
 */
export function createCodeAssistPool(options: CodeAssistPoolOptions): CodeAssistPool {
  const accounts = options.accounts.map((loaded) => createManagedAccount(loaded, options));
  const pool = new AccountPool({
    ids: accounts.map((account) => account.id),
    ...(options.strategy ? { strategy: options.strategy } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  const byId = new Map(accounts.map((account) => [account.id, account]));
  void options.shared
    ?.listen({
      cooldown: (id, cooldown) => pool.applyCooldown(id, cooldown),
      quota: (id, buckets) => {
        if (pool.has(id)) pool.updateQuota(id, buckets);
      },
    })
    .catch((error: unknown) =>
      options.logger.warn('shared account state unavailable', { error: errorSummary(error) }),
    );
  const now = options.now ?? Date.now;

  const record = (account: ManagedAccount, error: unknown): void => {
    if (OAuthStoreError.isInstance(error) && error.code === 'RELOGIN_REQUIRED')
      pool.markReloginRequired(account.id, error.message);
    else if (OAuthStoreError.isInstance(error) && error.code === 'ACCOUNT_INELIGIBLE') {
      pool.markIneligible(account.id, error.message, error.eligibility);
    } else if (OAuthStoreError.isInstance(error) && !error.isRetryable)
      pool.markIneligible(account.id, error.message);
    else pool.markFailing(account.id, error instanceof Error ? error.message : String(error));
    options.logger.warn('code assist account unavailable', {
      account: account.id,
      error: errorSummary(error),
    });
  };

  const prepareAccount = async (account: ManagedAccount): Promise<void> => {
    let accessToken = await account.tokens.getAccessToken();
    const first = account.project === undefined;
    let project: CodeAssistProject;
    try {
      project = await account.ensureProject(accessToken);
    } catch (error) {
      // The token was refused (revoked, or one another replica shared that Google no longer
      // takes): refresh past it and set up once more, as a model call does after a 401.
      if (!OAuthStoreError.isInstance(error) || error.status !== 401) throw error;
      accessToken = await account.tokens.refresh();
      project = await account.ensureProject(accessToken);
    }
    if (first) await fetchQuota(account, accessToken, project.projectId);
  };

  const fetchQuota = async (
    account: ManagedAccount,
    accessToken: string,
    projectId: string,
  ): Promise<void> => {
    try {
      const buckets = await retrieveUserQuota({
        endpoint: options.endpoint,
        accessToken,
        projectId,
        source: account.id,
        ...(options.fetch ? { fetch: options.fetch } : {}),
        ...accountDeadline(options),
      });
      pool.updateQuota(account.id, buckets);
      options.shared?.publishQuota(account.id, buckets);
    } catch (error) {
      options.logger.debug('quota not retrieved', {
        account: account.id,
        error: errorSummary(error),
      });
    }
  };

  const secondsUntil = (time: number) => Math.max(1, Math.ceil((time - now()) / 1000));
  const unavailable = (model: string, errors: Map<string, unknown>): Error => {
    const only = accounts.length === 1 ? errors.get(accounts[0]?.id ?? '') : undefined;
    if (OAuthStoreError.isInstance(only)) return only;
    const next = pool.nextAvailableAt(model);
    if (next !== undefined) {
      const seconds = secondsUntil(next);
      return new GatewayError({
        code: 'ACCOUNT_UNAVAILABLE',
        status: 429,
        retryAfterSeconds: seconds,
        message: `Every Code Assist account is rate-limited for ${model}; the first one is free again in ${seconds}s. Retry then, or use another model.`,
      });
    }
    // Failing accounts (token endpoint or setup broken) are not rate-limited: say what failed.
    const problems = pool
      .snapshot()
      .filter((snapshot) => snapshot.problem || snapshot.disabled)
      .map(
        (snapshot) =>
          `${byId.get(snapshot.id)?.label ?? snapshot.id}: ${snapshot.disabled ? 'disabled by an operator' : snapshot.problem}`,
      );
    const retry = pool.nextRetryAt();
    return new GatewayError({
      code: 'ACCOUNT_UNAVAILABLE',
      status: 503,
      ...(retry === undefined ? {} : { retryAfterSeconds: secondsUntil(retry) }),
      message: `No Code Assist account can serve ${model} right now${retry === undefined ? '' : ` (the next one is tried again in ${secondsUntil(retry)}s)`}. ${problems.join(' | ') || 'See GET /status.'}`,
    });
  };

  return {
    async acquire({ model, exclude, signal }): Promise<UpstreamAccount> {
      const skipped = new Set(exclude);
      const errors = new Map<string, unknown>();
      for (;;) {
        const id = pool.pick(model, skipped);
        const account = id === undefined ? undefined : byId.get(id);
        if (!account) throw unavailable(model, errors);
        // A client that leaves stops waiting at once; the shared setup goes on, and its failure
        // is still recorded (the account shows `failing` in /status and /health).
        const setup = prepareAccount(account);
        try {
          await untilAborted(setup, signal);
          // Quota fetched during setup may show this account cannot serve the model: skip it.
          if (!pool.canServe(account.id, model)) {
            skipped.add(account.id);
            continue;
          }
          const accessToken = await account.tokens.getAccessToken();
          return { id: account.id, accessToken, projectId: account.project?.projectId ?? '' };
        } catch (error) {
          if (signal?.aborted) {
            setup.catch((late: unknown) => record(account, late));
            throw signal.reason ?? error;
          }
          record(account, error);
          errors.set(account.id, error);
          skipped.add(account.id);
        }
      }
    },
    report(account, outcome) {
      pool.recordAttempt(account.id);
      if (outcome.kind === 'success') pool.recordSuccess(account.id);
      else if (outcome.kind === 'rate-limited') {
        const cooldown = pool.recordRateLimit(account.id, outcome.model, outcome);
        options.shared?.publishCooldown(account.id, cooldown);
      } else {
        const classified = classifyForbidden({ reason: outcome.reason, message: outcome.message });
        const error = eligibilityError(account.id, classified?.reason ?? 'INELIGIBLE_ACCOUNT', {
          actionUrl: classified?.actionUrl,
          googleMessage: outcome.message,
        });
        pool.markIneligible(account.id, error.message, error.eligibility);
      }
    },
    async invalidate(account) {
      const managed = byId.get(account.id);
      if (!managed) return;
      try {
        await managed.tokens.refresh();
      } catch (error) {
        record(managed, error);
        throw error;
      }
    },
    status: () => pool.snapshot().map((snapshot) => toStatus(snapshot, byId.get(snapshot.id))),
    setDisabled(id, disabled) {
      if (!byId.has(id)) return false;
      pool.setDisabled(id, disabled);
      return true;
    },
    add(loaded) {
      const account = createManagedAccount(loaded, options);
      if (byId.has(account.id) || !pool.add(account.id)) return false;
      accounts.push(account);
      byId.set(account.id, account);
      void prepareAccount(account).catch((error: unknown) => record(account, error));
      return true;
    },
    async prepare() {
      await Promise.all(
        accounts.map((account) =>
          prepareAccount(account).catch((error: unknown) => record(account, error)),
        ),
      );
    },
    async refreshQuota() {
      await Promise.all(
        accounts.map(async (account) => {
          const state = pool.account(account.id)?.state;
          if (!account.project || state === 'ineligible' || state === 'relogin-required') return;
          const accessToken = await account.tokens.getAccessToken().catch(() => undefined);
          if (accessToken) await fetchQuota(account, accessToken, account.project.projectId);
        }),
      );
    },
  };
}

function toStatus(
  snapshot: PoolAccountSnapshot,
  account: ManagedAccount | undefined,
): AccountStatus {
  const { cooldowns, quota, ...rest } = snapshot;
  return {
    ...rest,
    label: account?.label ?? snapshot.id,
    source: account?.sourceKind ?? 'file',
    format: account?.format ?? 'unknown',
    project: account?.project?.projectId ?? null,
    tier: account?.project?.tierId ?? null,
    cooldowns: cooldowns.map((cooldown) => ({
      ...cooldown,
      until: new Date(cooldown.until).toISOString(),
    })),
    quota: quota
      ? { checkedAt: new Date(quota.checkedAt).toISOString(), buckets: quota.buckets }
      : null,
  };
}
