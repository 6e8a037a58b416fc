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
  /** Adds a finished request's tokens to the minute and day windows. */
  record(keyId: string, tokens: number, now: number): void | Promise<void>;
  /** Seeds today's token count (from the ledger, at start) where none is known yet. */
  seedDay(keyId: string, tokens: number, now: number): void | Promise<void>;
  close(): Promise<void>;
}

const MINUTE = 60_000;

/** The UTC day of `now`, as `YYYYMMDD`. */
export function dayOf(now: number): string {
  return new Date(now).toISOString().slice(0, 10).replace(/-/g, '');
}

interface KeyWindows {
  requests: number[];
  tokens: { time: number; tokens: number }[];
  minuteTokens: number;
  day: string;
  dayTokens: number;
}

/** Rate windows in this process's memory (one replica, or no Redis). */
export class MemoryRateWindows implements RateWindows {
  private readonly byKey = new Map<string, KeyWindows>();

  admit(keyId: string, limits: WindowLimits, now: number): AdmitResult {
    const windows = this.windows(keyId, now);
    const result = (verdict: AdmitVerdict): AdmitResult => ({
      verdict,
      requests: windows.requests.length,
      minuteTokens: windows.minuteTokens,
      dayTokens: windows.dayTokens,
      requestsFreeAt: windows.requests.length ? windows.requests[0]! + MINUTE : 0,
      tokensFreeAt: windows.tokens.length ? windows.tokens[0]!.time + MINUTE : 0,
    });
    if (limits.dailyTokens !== null && windows.dayTokens >= limits.dailyTokens)
      return result('daily');
    if (limits.tpm !== null && windows.minuteTokens >= limits.tpm) return result('tpm');
    if (limits.rpm !== null && windows.requests.length >= limits.rpm) return result('rpm');
    windows.requests.push(now);
    return result('ok');
  }

  record(keyId: string, tokens: number, now: number): void {
    if (tokens <= 0) return;
    const windows = this.windows(keyId, now);
    windows.tokens.push({ time: now, tokens });
    windows.minuteTokens += tokens;
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
      windows = { requests: [], tokens: [], minuteTokens: 0, day, dayTokens: 0 };
      this.byKey.set(keyId, windows);
    }
    const cutoff = now - MINUTE;
    let drop = 0;
    while (drop < windows.requests.length && windows.requests[drop]! <= cutoff) drop++;
    if (drop) windows.requests.splice(0, drop);
    drop = 0;
    while (drop < windows.tokens.length && windows.tokens[drop]!.time <= cutoff) {
      windows.minuteTokens -= windows.tokens[drop]!.tokens;
      drop++;
    }
    if (drop) windows.tokens.splice(0, drop);
    if (windows.day !== day) {
      windows.day = day;
      windows.dayTokens = 0;
    }
    return windows;
  }
}
