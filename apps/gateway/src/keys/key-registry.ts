import type { Logger } from 'winston';
import { errorSummary } from '../middleware/error-handler';
import { keyLimits, type KeyLimits } from '../limits/enforce-limits';
import type { KeyRecord, KeyRepository } from './key-repository';
import { keyIdOf, keyMatches } from './key-secret';

/** A key as the request path needs it: record plus its compiled limits. */
export interface CachedKey {
  record: KeyRecord;
  limits: KeyLimits;
  expiresAtMs: number | null;
}

/** What a presented key turned out to be. */
export type KeyVerdict =
  { kind: 'valid'; key: CachedKey } | { kind: 'unknown' | 'revoked' | 'expired' };

/**
 * Every key in memory, so authenticating a request never queries the database: loaded at start
 * and reloaded every `reloadMs` (keys created, changed or revoked by the CLI or another
 * replica show up within that), and updated at once by this process's own admin API.
 */
export class KeyRegistry {
  private byId = new Map<string, CachedKey>();
  private timer: NodeJS.Timeout | undefined;
  private activeCount = 0;
  private lastMissReload = 0;

  constructor(
    private readonly repository: KeyRepository,
    private readonly options: { reloadMs: number; logger: Logger; now?: () => number },
  ) {}

  /** True while at least one key is neither revoked nor expired. */
  get hasActiveKeys(): boolean {
    return this.activeCount > 0;
  }

  async load(): Promise<void> {
    const records = await this.repository.list();
    const next = new Map<string, CachedKey>();
    for (const record of records) next.set(record.id, cache(record));
    this.byId = next;
    this.count();
  }

  /** Starts the periodic reload (unref'd: it never keeps the process alive). */
  start(): void {
    if (this.options.reloadMs <= 0 || this.timer) return;
    this.timer = setInterval(() => {
      this.load().catch((error: unknown) =>
        this.options.logger.warn('client keys not reloaded', { error: errorSummary(error) }),
      );
    }, this.options.reloadMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Takes a created or changed key into the cache at once. */
  put(record: KeyRecord): void {
    this.byId.set(record.id, cache(record));
    this.count();
  }

  /** Checks a presented `g2a-…` key: lookup by its embedded id, then a constant-time compare. */
  verify(presented: string): KeyVerdict {
    const id = keyIdOf(presented);
    const key = id === undefined ? undefined : this.byId.get(id);
    if (!key && id !== undefined) this.reloadSoon();
    if (!key || !keyMatches(presented, key.record.hash)) return { kind: 'unknown' };
    if (key.record.revokedAt) return { kind: 'revoked' };
    if (key.expiresAtMs !== null && key.expiresAtMs <= (this.options.now ?? Date.now)())
      return { kind: 'expired' };
    return { kind: 'valid', key };
  }

  /**
   * A well-formed key this process does not know may have just been made elsewhere (the CLI,
   * another replica): reload now rather than at the next tick, at most once a second.
   */
  private reloadSoon(): void {
    const now = (this.options.now ?? Date.now)();
    if (now - this.lastMissReload < 1000) return;
    this.lastMissReload = now;
    this.load().catch((error: unknown) =>
      this.options.logger.warn('client keys not reloaded', { error: errorSummary(error) }),
    );
  }

  private count(): void {
    const now = (this.options.now ?? Date.now)();
    let active = 0;
    for (const key of this.byId.values())
      if (!key.record.revokedAt && (key.expiresAtMs === null || key.expiresAtMs > now)) active++;
    this.activeCount = active;
  }
}

function cache(record: KeyRecord): CachedKey {
  return {
    record,
    limits: keyLimits(record),
    expiresAtMs: record.expiresAt ? Date.parse(record.expiresAt) : null,
  };
}
