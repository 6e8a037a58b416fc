import type { Eligibility, QuotaBucket } from '@geminicli2api/oauth-store';

/** How the pool picks among usable accounts. */
export type SelectionStrategy = 'round-robin' | 'fill-first';

/** What an account can do right now (for one model, cooldowns aside). */
export type PoolAccountState = 'ready' | 'ineligible' | 'relogin-required' | 'failing';

/** A model-specific pause after a 429 or an exhausted quota bucket. */
export interface ModelCooldown {
  model: string;
  /** Epoch ms. */
  until: number;
  /** True for a quota that will not come back soon (daily quota, QUOTA_EXHAUSTED). */
  terminal: boolean;
}

/** Per-account counters shown in /status. */
export interface PoolCounters {
  requests: number;
  successes: number;
  rateLimited: number;
  forbidden: number;
  failures: number;
}

/** A read-only view of one account. */
export interface PoolAccountSnapshot {
  id: string;
  state: PoolAccountState;
  /** Set aside by an operator (console or /admin): never picked until enabled again. */
  disabled?: boolean;
  /** Why the account is not `ready` (actionable, never a secret). */
  problem?: string;
  eligibility?: Eligibility;
  cooldowns: ModelCooldown[];
  counters: PoolCounters;
  quota?: {
    checkedAt: number;
    buckets: { model: string; remainingFraction: number; resetTime?: string }[];
  };
}

/** Options of {@link AccountPool}. */
export interface AccountPoolOptions {
  ids: readonly string[];
  strategy?: SelectionStrategy;
  /** Clock, injectable for tests. */
  now?: () => number;
  /** Cooldown after a 429 that named no delay; default 10 s. */
  defaultCooldownMs?: number;
  /** Cooldown of a terminal quota without a known reset; default 1 h. */
  terminalCooldownMs?: number;
  /** A failing (transient) account is retried after this; default 30 s. */
  failingRetryMs?: number;
}

interface Entry {
  snapshot: PoolAccountSnapshot;
  cooldowns: Map<string, ModelCooldown>;
  failingUntil?: number;
}

/**
 * The selection brain of several Code Assist accounts, free of I/O: round-robin or fill-first,
 * per-account and per-model cooldowns from 429s (`RetryInfo` / `quotaResetDelay`), terminal quota
 * parked until its reset, ineligible and re-login accounts skipped, quota buckets from
 * `retrieveUserQuota` taken into account before a request is wasted.
 */
export class AccountPool {
  private readonly entries: Entry[];
  private readonly strategy: SelectionStrategy;
  private readonly now: () => number;
  private readonly defaultCooldownMs: number;
  private readonly terminalCooldownMs: number;
  private readonly failingRetryMs: number;
  private cursor = 0;

  constructor(options: AccountPoolOptions) {
    this.entries = options.ids.map((id) => ({
      snapshot: {
        id,
        state: 'ready',
        cooldowns: [],
        counters: { requests: 0, successes: 0, rateLimited: 0, forbidden: 0, failures: 0 },
      },
      cooldowns: new Map(),
    }));
    this.strategy = options.strategy ?? 'round-robin';
    this.now = options.now ?? Date.now;
    this.defaultCooldownMs = options.defaultCooldownMs ?? 10_000;
    this.terminalCooldownMs = options.terminalCooldownMs ?? 60 * 60_000;
    this.failingRetryMs = options.failingRetryMs ?? 30_000;
  }

  /** The next usable account for `model`, skipping `exclude`; undefined when none is. */
  pick(model: string, exclude: ReadonlySet<string> = new Set()): string | undefined {
    const count = this.entries.length;
    const start = this.strategy === 'round-robin' ? this.cursor : 0;
    for (let offset = 0; offset < count; offset++) {
      const index = (start + offset) % count;
      const entry = this.entries[index];
      if (!entry || exclude.has(entry.snapshot.id) || !this.usable(entry, model)) continue;
      if (this.strategy === 'round-robin') this.cursor = (index + 1) % count;
      return entry.snapshot.id;
    }
    return undefined;
  }

  /** True when `id` could serve `model` now (state and cooldowns). */
  canServe(id: string, model: string): boolean {
    return this.usable(this.get(id), model);
  }

  /**
   * When the first account rate-limited for `model` becomes usable again (epoch ms), if any: only
   * cooldowns count (a failing account is not rate-limited; see {@link nextRetryAt}).
   */
  nextAvailableAt(model: string): number | undefined {
    const times = this.entries
      .filter((entry) => !entry.snapshot.disabled && entry.snapshot.state === 'ready')
      .map((entry) => entry.cooldowns.get(model)?.until)
      .filter((time): time is number => time !== undefined && time > this.now());
    return times.length > 0 ? Math.min(...times) : undefined;
  }

  /** When the first failing account is tried again (epoch ms), if any is failing. */
  nextRetryAt(): number | undefined {
    const times = this.entries
      .filter((entry) => !entry.snapshot.disabled && entry.snapshot.state === 'failing')
      .map((entry) => entry.failingUntil)
      .filter((time): time is number => time !== undefined && time > this.now());
    return times.length > 0 ? Math.min(...times) : undefined;
  }

  /** Adds an account (a new sign-in) at the end, ready; false when the id is already there. */
  add(id: string): boolean {
    if (this.entries.some((entry) => entry.snapshot.id === id)) return false;
    this.entries.push({
      snapshot: {
        id,
        state: 'ready',
        cooldowns: [],
        counters: { requests: 0, successes: 0, rateLimited: 0, forbidden: 0, failures: 0 },
      },
      cooldowns: new Map(),
    });
    return true;
  }

  /** Sets an account aside (never picked) or puts it back; its state and cooldowns are kept. */
  setDisabled(id: string, disabled: boolean): void {
    const { snapshot } = this.get(id);
    if (disabled) snapshot.disabled = true;
    else delete snapshot.disabled;
  }

  /** Counts an attempt. */
  recordAttempt(id: string): void {
    this.get(id).snapshot.counters.requests += 1;
  }

  /** A 2xx: the account works; a transient failure mark is cleared. */
  recordSuccess(id: string): void {
    const entry = this.get(id);
    entry.snapshot.counters.successes += 1;
    if (entry.snapshot.state === 'failing') this.setState(entry, 'ready');
  }

  /** A 429: cool the account down for `model` (terminal quota: until `resetAt` or the delay). */
  recordRateLimit(
    id: string,
    model: string,
    outcome: { retryDelayMs?: number | undefined; terminal: boolean; resetAt?: number | undefined },
  ): ModelCooldown {
    const entry = this.get(id);
    entry.snapshot.counters.rateLimited += 1;
    const fallback = outcome.terminal ? this.terminalCooldownMs : this.defaultCooldownMs;
    const until = outcome.resetAt ?? this.now() + (outcome.retryDelayMs ?? fallback);
    const cooldown = { model, until, terminal: outcome.terminal };
    entry.cooldowns.set(model, cooldown);
    return { ...cooldown };
  }

  /**
   * A cooldown learned elsewhere (another replica, through shared state): applied as it is,
   * without counting a 429 here; a later one already known wins. Unknown accounts are ignored.
   */
  applyCooldown(id: string, cooldown: ModelCooldown): void {
    const entry = this.entries.find((candidate) => candidate.snapshot.id === id);
    if (!entry || cooldown.until <= this.now()) return;
    const known = entry.cooldowns.get(cooldown.model);
    if (!known || known.until < cooldown.until)
      entry.cooldowns.set(cooldown.model, { ...cooldown });
  }

  /** True when the pool has an account with this id. */
  has(id: string): boolean {
    return this.entries.some((candidate) => candidate.snapshot.id === id);
  }

  /** Code Assist refuses the account (licence, ToS, disabled API…): skipped until cleared. */
  markIneligible(id: string, problem: string, eligibility?: Eligibility): void {
    const entry = this.get(id);
    entry.snapshot.counters.forbidden += 1;
    this.setState(entry, 'ineligible', problem, eligibility);
  }

  /** The refresh token was rejected: skipped until the operator logs in again. */
  markReloginRequired(id: string, problem: string): void {
    this.setState(this.get(id), 'relogin-required', problem);
  }

  /** A transient failure (token endpoint or setup unreachable): retried after a pause. */
  markFailing(id: string, problem: string): void {
    const entry = this.get(id);
    entry.snapshot.counters.failures += 1;
    entry.failingUntil = this.now() + this.failingRetryMs;
    this.setState(entry, 'failing', problem);
  }

  /** Feeds `retrieveUserQuota`: an empty bucket parks the model until its reset, a refilled one frees it. */
  updateQuota(id: string, buckets: readonly QuotaBucket[]): void {
    const entry = this.get(id);
    const summary: NonNullable<PoolAccountSnapshot['quota']>['buckets'] = [];
    for (const bucket of buckets) {
      if (!bucket.modelId || typeof bucket.remainingFraction !== 'number') continue;
      const resetAt = bucket.resetTime ? Date.parse(bucket.resetTime) : Number.NaN;
      summary.push({
        model: bucket.modelId,
        remainingFraction: bucket.remainingFraction,
        ...(bucket.resetTime ? { resetTime: bucket.resetTime } : {}),
      });
      if (bucket.remainingFraction <= 0) {
        const until = Number.isFinite(resetAt) ? resetAt : this.now() + this.terminalCooldownMs;
        entry.cooldowns.set(bucket.modelId, { model: bucket.modelId, until, terminal: true });
      } else if (entry.cooldowns.get(bucket.modelId)?.terminal) {
        entry.cooldowns.delete(bucket.modelId);
      }
    }
    entry.snapshot.quota = { checkedAt: this.now(), buckets: summary };
  }

  /** Every account with its state, live cooldowns and counters. */
  snapshot(): PoolAccountSnapshot[] {
    return this.entries.map((entry) => {
      const cooldowns = [...entry.cooldowns.values()].filter(
        (cooldown) => cooldown.until > this.now(),
      );
      return structuredClone({ ...entry.snapshot, cooldowns });
    });
  }

  /** One account's view. */
  account(id: string): PoolAccountSnapshot | undefined {
    return this.snapshot().find((snapshot) => snapshot.id === id);
  }

  private usable(entry: Entry, model: string): boolean {
    const { state } = entry.snapshot;
    if (entry.snapshot.disabled) return false;
    if (state === 'ineligible' || state === 'relogin-required') return false;
    if (state === 'failing' && (entry.failingUntil ?? 0) > this.now()) return false;
    const cooldown = entry.cooldowns.get(model);
    if (cooldown && cooldown.until > this.now()) return false;
    if (cooldown) entry.cooldowns.delete(model);
    return true;
  }

  private setState(
    entry: Entry,
    state: PoolAccountState,
    problem?: string,
    eligibility?: Eligibility,
  ): void {
    const { snapshot } = entry;
    snapshot.state = state;
    if (problem === undefined) delete snapshot.problem;
    else snapshot.problem = problem;
    if (eligibility === undefined) delete snapshot.eligibility;
    else snapshot.eligibility = eligibility;
    if (state !== 'failing') delete entry.failingUntil;
  }

  private get(id: string): Entry {
    const entry = this.entries.find((candidate) => candidate.snapshot.id === id);
    if (!entry) throw new Error(`Unknown account ${id}`);
    return entry;
  }
}
