/** The limits of one key that rate windows enforce (null: none). */
export interface WindowLimits {
  rpm: number | null;
  tpm: number | null;
  dailyTokens: number | null;
}

/** Why a request was refused, or `ok`. */
export type AdmitVerdict = 'ok' | 'rpm' | 'tpm' | 'daily';

/** What one admission learned: the verdict and the numbers behind the rate-limit headers. */
export interface AdmitResult {
  verdict: AdmitVerdict;
  /** Requests in the last minute, this one included when admitted. */
  requests: number;
  /** Tokens in the last minute and since midnight UTC. */
  minuteTokens: number;
  dayTokens: number;
  /** Epoch ms when the oldest request / token entry of the minute window leaves it (0: none). */
  requestsFreeAt: number;
  tokensFreeAt: number;
}

/**
 * Sliding one-minute windows of requests and tokens plus a per-UTC-day token count, per key.
 * In memory for one process; in Redis (`redis-rate-windows.ts`) when replicas share limits.
 */
export interface RateWindows {
  /** Checks the limits and, when admitted, counts the request (atomically). */
  admit(keyId: string, limits: WindowLimits, now: number): AdmitResult | Promise<AdmitResult>;
  /**
   * True when the key's last known counts are so far from its limits that the next admission is
   * all but certain, so the caller may start the upstream call while it is decided. Absent where
   * `admit` answers at once (memory).
   */
  likelyAdmits?(keyId: string, limits: WindowLimits, now: number): boolean;
  /** Adds a finished request's tokens to the minute and day windows. */
  record(keyId: string, tokens: number, now: number): void | Promise<void>;
  /** Seeds today's token count (from the ledger, at start) where none is known yet. */
  seedDay(keyId: string, tokens: number, now: number): void | Promise<void>;
  close(): Promise<void>;
}

const MINUTE = 60_000;

const DAY_MS = 86_400_000;
let lastDay = { number: NaN, text: '' };

/** The UTC day of `now`, as `YYYYMMDD` (formatted once per day: it is asked several times a request). */
export function dayOf(now: number): string {
  const number = Math.floor(now / DAY_MS);
  if (number !== lastDay.number) {
    const text = new Date(number * DAY_MS).toISOString().slice(0, 10).replace(/-/g, '');
    lastDay = { number, text };
  }
  return lastDay.text;
}

/** A queue of timestamps (and amounts) with O(1) amortised removal from the front. */
class TimeQueue {
  private times: number[] = [];
  private amounts: number[] = [];
  private head = 0;
  sum = 0;

  get size(): number {
    return this.times.length - this.head;
  }

  /** The oldest entry's time, or undefined when empty. */
  get oldest(): number | undefined {
    return this.head < this.times.length ? this.times[this.head] : undefined;
  }

  push(time: number, amount = 1): void {
    this.times.push(time);
    this.amounts.push(amount);
    this.sum += amount;
  }

  /** Drops entries at or before `cutoff`. */
  dropUntil(cutoff: number): void {
    while (this.head < this.times.length && (this.times[this.head] ?? 0) <= cutoff) {
      this.sum -= this.amounts[this.head] ?? 0;
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.amounts = this.amounts.slice(this.head);
      this.head = 0;
    }
  }
}

interface KeyWindows {
  requests: TimeQueue;
  tokens: TimeQueue;
  day: string;
  dayTokens: number;
}

/** Rate windows in this process's memory (one replica, or no Redis). */
export class MemoryRateWindows implements RateWindows {
  private readonly byKey = new Map<string, KeyWindows>();

  admit(keyId: string, limits: WindowLimits, now: number): AdmitResult {
    const windows = this.windows(keyId, now);
    const { requests, tokens } = windows;
    const result = (verdict: AdmitVerdict): AdmitResult => ({
      verdict,
      requests: requests.size,
      minuteTokens: tokens.sum,
      dayTokens: windows.dayTokens,
      requestsFreeAt: requests.oldest === undefined ? 0 : requests.oldest + MINUTE,
      tokensFreeAt: tokens.oldest === undefined ? 0 : tokens.oldest + MINUTE,
    });
    if (limits.dailyTokens !== null && windows.dayTokens >= limits.dailyTokens)
      return result('daily');
    if (limits.tpm !== null && tokens.sum >= limits.tpm) return result('tpm');
    if (limits.rpm !== null && requests.size >= limits.rpm) return result('rpm');
    // Without an rpm limit there is nothing to count requests against.
    if (limits.rpm !== null) requests.push(now);
    return result('ok');
  }

  record(keyId: string, tokens: number, now: number): void {
    if (tokens <= 0) return;
    const windows = this.windows(keyId, now);
    windows.tokens.push(now, tokens);
    windows.dayTokens += tokens;
  }

  seedDay(keyId: string, tokens: number, now: number): void {
    const windows = this.windows(keyId, now);
    if (windows.dayTokens === 0) windows.dayTokens = tokens;
  }

  async close(): Promise<void> {
    this.byKey.clear();
  }

  private windows(keyId: string, now: number): KeyWindows {
    let windows = this.byKey.get(keyId);
    const day = dayOf(now);
    if (!windows) {
      windows = { requests: new TimeQueue(), tokens: new TimeQueue(), day, dayTokens: 0 };
      this.byKey.set(keyId, windows);
    }
    windows.requests.dropUntil(now - MINUTE);
    windows.tokens.dropUntil(now - MINUTE);
    if (windows.day !== day) {
      windows.day = day;
      windows.dayTokens = 0;
    }
    return windows;
  }
}
