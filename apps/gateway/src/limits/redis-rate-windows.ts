import type { Redis } from 'ioredis';
import {
  dayOf,
  MemoryRateWindows,
  type AdmitResult,
  type AdmitVerdict,
  type RateWindows,
  type WindowLimits,
} from './rate-windows';

const MINUTE = 60_000;
const DAY_TTL_SECONDS = 2 * 86_400;

/**
 * One atomic step per request: drop entries older than a minute, read the request count, the
 * minute's tokens (per-second buckets: at most 60 to add up) and the day's, refuse when over a
 * limit, else count the request. KEYS: requests zset, tokens hash (second → tokens), day counter. ARGV: now, rpm, tpm, daily (0 = none), member.
 * Returns verdict (0 ok, 1 rpm, 2 tpm, 3 daily), requests, minute tokens, day tokens, and when
 * the oldest request / token entry leaves the window (0: none).
 */
const ADMIT_SCRIPT = `
local now = tonumber(ARGV[1])
local rpm = tonumber(ARGV[2])
local tpm = tonumber(ARGV[3])
local daily = tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - ${MINUTE})
local tokens = 0
local oldestTokens = 0
if tpm > 0 then
  local since = math.floor((now - ${MINUTE}) / 1000)
  local buckets = redis.call('HGETALL', KEYS[2])
  for i = 1, #buckets, 2 do
    local second = tonumber(buckets[i])
    if second <= since then
      redis.call('HDEL', KEYS[2], buckets[i])
    else
      tokens = tokens + tonumber(buckets[i + 1])
      if oldestTokens == 0 or second * 1000 + ${MINUTE} < oldestTokens then
        oldestTokens = second * 1000 + ${MINUTE}
      end
    end
  end
end
local day = tonumber(redis.call('GET', KEYS[3]) or '0')
local count = redis.call('ZCARD', KEYS[1])
local verdict = 0
if daily > 0 and day >= daily then verdict = 3
elseif tpm > 0 and tokens >= tpm then verdict = 2
elseif rpm > 0 and count >= rpm then verdict = 1
elseif rpm > 0 then
  redis.call('ZADD', KEYS[1], now, ARGV[5])
  redis.call('PEXPIRE', KEYS[1], ${MINUTE})
  count = count + 1
end
local oldestRequest = 0
local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if first[2] then oldestRequest = tonumber(first[2]) + ${MINUTE} end
return {verdict, count, tokens, day, oldestRequest, oldestTokens}
`;

/**
 * Counts an answer's tokens in the minute's second bucket and the day's counter (one command,
 * not a MULTI of four). KEYS: tokens hash, day counter. ARGV: second, tokens.
 */
const RECORD_SCRIPT = `
redis.call('HINCRBY', KEYS[1], ARGV[1], ARGV[2])
redis.call('PEXPIRE', KEYS[1], ${MINUTE + 1000})
redis.call('INCRBY', KEYS[2], ARGV[2])
redis.call('EXPIRE', KEYS[2], ${DAY_TTL_SECONDS})
return 1
`;

const VERDICTS: AdmitVerdict[] = ['ok', 'rpm', 'tpm', 'daily'];

/** How long a key's counts from Redis are trusted to judge an admission likely. */
const KNOWN_FOR_MS = 1000;
/** An admission is likely while every count is below this share of its limit. */
const FAR_SHARE = 0.5;
/** Keys whose counts are remembered (the oldest are forgotten beyond this). */
const KNOWN_KEYS = 10_000;

/** A key's counts as Redis last answered them, plus this replica's admissions since. */
interface KnownCounts {
  at: number;
  requests: number;
  minuteTokens: number;
  dayTokens: number;
  admittedSince: number;
}

type RedisWithAdmit = Redis & {
  g2aAdmit(
    requests: string,
    tokens: string,
    day: string,
    now: number,
    rpm: number,
    tpm: number,
    daily: number,
    member: string,
  ): Promise<number[]>;
  g2aRecord(tokens: string, day: string, second: number, amount: number): Promise<number>;
};

/**
 * Rate windows in Redis: every replica counts against the same windows. While Redis cannot be
 * reached, this replica counts in its own memory instead (limits hold per replica) rather than
 * refusing or failing every request.
 */
export class RedisRateWindows implements RateWindows {
  private readonly redis: RedisWithAdmit;
  private readonly fallback = new MemoryRateWindows();
  private sequence = 0;
  private readonly instance = Math.random().toString(36).slice(2, 10);
  private readonly known = new Map<string, KnownCounts>();

  constructor(
    redis: Redis,
    private readonly prefix = 'g2a:rl:',
  ) {
    redis.defineCommand('g2aAdmit', { numberOfKeys: 3, lua: ADMIT_SCRIPT });
    redis.defineCommand('g2aRecord', { numberOfKeys: 2, lua: RECORD_SCRIPT });
    this.redis = redis as RedisWithAdmit;
  }

  async admit(keyId: string, limits: WindowLimits, now: number): Promise<AdmitResult> {
    const known = this.known.get(keyId);
    if (known) known.admittedSince += 1;
    try {
      const result = await this.admitShared(keyId, limits, now);
      this.remember(keyId, result, now);
      return result;
    } catch {
      this.known.delete(keyId);
      return this.fallback.admit(keyId, limits, now);
    }
  }

  /**
   * Likely when Redis answered for this key within the last second and every count (requests
   * with this replica's admissions since, minute and day tokens) is below half its limit. Near a
   * limit, or with nothing recent known, the caller waits for the exact answer.
   */
  likelyAdmits(keyId: string, limits: WindowLimits, now: number): boolean {
    const known = this.known.get(keyId);
    if (!known || now - known.at > KNOWN_FOR_MS) return false;
    const below = (count: number, limit: number | null) =>
      limit === null || count < limit * FAR_SHARE;
    return (
      below(known.requests + known.admittedSince, limits.rpm) &&
      below(known.minuteTokens, limits.tpm) &&
      below(known.dayTokens, limits.dailyTokens)
    );
  }

  private remember(keyId: string, result: AdmitResult, now: number): void {
    if (!this.known.has(keyId) && this.known.size >= KNOWN_KEYS) {
      const oldest = this.known.keys().next().value;
      if (oldest !== undefined) this.known.delete(oldest);
    }
    this.known.set(keyId, {
      at: now,
      requests: result.requests,
      minuteTokens: result.minuteTokens,
      dayTokens: result.dayTokens,
      admittedSince: 0,
    });
  }

  private async admitShared(
    keyId: string,
    limits: WindowLimits,
    now: number,
  ): Promise<AdmitResult> {
    const [
      verdict = 0,
      requests = 0,
      minuteTokens = 0,
      dayTokens = 0,
      requestsFreeAt = 0,
      tokensFreeAt = 0,
    ] = await this.redis.g2aAdmit(
      this.key(keyId, 'req'),
      this.key(keyId, 'tpm'),
      this.key(keyId, `day:${dayOf(now)}`),
      now,
      limits.rpm ?? 0,
      limits.tpm ?? 0,
      limits.dailyTokens ?? 0,
      this.member(now),
    );
    return {
      verdict: VERDICTS[verdict] ?? 'ok',
      requests,
      minuteTokens,
      dayTokens,
      requestsFreeAt,
      tokensFreeAt,
    };
  }

  async record(keyId: string, tokens: number, now: number): Promise<void> {
    if (tokens <= 0) return;
    this.fallback.record(keyId, tokens, now);
    await this.redis
      .g2aRecord(
        this.key(keyId, 'tpm'),
        this.key(keyId, `day:${dayOf(now)}`),
        Math.floor(now / 1000),
        Math.round(tokens),
      )
      .catch(() => undefined);
  }

  async seedDay(keyId: string, tokens: number, now: number): Promise<void> {
    this.fallback.seedDay(keyId, tokens, now);
    await this.redis.set(
      this.key(keyId, `day:${dayOf(now)}`),
      String(tokens),
      'EX',
      DAY_TTL_SECONDS,
      'NX',
    );
  }

  async close(): Promise<void> {
    // The Redis connection belongs to the gateway's shared state; it closes it.
  }

  private key(keyId: string, what: string): string {
    return `${this.prefix}${keyId}:${what}`;
  }

  private member(now: number): string {
    this.sequence = (this.sequence + 1) % 1_000_000_000;
    return `${now}-${this.instance}-${this.sequence}`;
  }
}
