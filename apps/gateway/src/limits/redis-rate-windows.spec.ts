import { Redis } from 'ioredis';
import { freshRedisUrl } from '../../test/support/services';
import { RedisRateWindows } from './redis-rate-windows';

const T0 = Date.UTC(2030, 0, 1, 12, 0, 0);

describe('Redis rate windows (real Redis)', () => {
  let redis: Redis;
  let other: Redis;
  beforeAll(async () => {
    const url = await freshRedisUrl();
    redis = new Redis(url);
    other = new Redis(url);
  });
  afterAll(() => {
    redis?.disconnect();
    other?.disconnect();
  });

  it('two clients share one sliding minute of requests', async () => {
    const a = new RedisRateWindows(redis);
    const b = new RedisRateWindows(other);
    const limits = { rpm: 3, tpm: null, dailyTokens: null };
    expect((await a.admit('rpm-key', limits, T0)).verdict).toBe('ok');
    expect((await b.admit('rpm-key', limits, T0 + 1000)).verdict).toBe('ok');
    expect(await a.admit('rpm-key', limits, T0 + 2000)).toMatchObject({
      verdict: 'ok',
      requests: 3,
    });
    expect(await b.admit('rpm-key', limits, T0 + 3000)).toMatchObject({
      verdict: 'rpm',
      requestsFreeAt: T0 + 60_000,
    });
    expect((await b.admit('rpm-key', limits, T0 + 60_001)).verdict).toBe('ok');
  });

  it('count tokens per minute (per-second buckets) and per UTC day, seeded once', async () => {
    const a = new RedisRateWindows(redis);
    const b = new RedisRateWindows(other);
    const limits = { rpm: null, tpm: 100, dailyTokens: 250 };
    await a.seedDay('tpm-key', 40, T0);
    await b.seedDay('tpm-key', 999, T0); // already known: kept at 40
    await a.record('tpm-key', 60, T0);
    expect(await b.admit('tpm-key', limits, T0 + 500)).toMatchObject({
      verdict: 'ok',
      minuteTokens: 60,
      dayTokens: 100,
    });
    await b.record('tpm-key', 50, T0 + 1500);
    expect(await a.admit('tpm-key', limits, T0 + 2000)).toMatchObject({
      verdict: 'tpm',
      minuteTokens: 110,
      tokensFreeAt: T0 + 60_000,
    });
    expect((await a.admit('tpm-key', limits, T0 + 62_000)).verdict).toBe('ok');
    await a.record('tpm-key', 100, T0 + 62_000);
    expect((await a.admit('tpm-key', limits, T0 + 130_000)).verdict).toBe('daily');
  });

  it('judge an admission likely only from a recent answer far from every limit', async () => {
    const a = new RedisRateWindows(redis);
    const b = new RedisRateWindows(other);
    const limits = { rpm: 10, tpm: 1000, dailyTokens: null };
    // Nothing known yet: wait for Redis.
    expect(a.likelyAdmits('likely-key', limits, T0)).toBe(false);
    await a.admit('likely-key', limits, T0);
    expect(a.likelyAdmits('likely-key', limits, T0 + 100)).toBe(true);
    // Known for a second only.
    expect(a.likelyAdmits('likely-key', limits, T0 + 1_100)).toBe(false);
    // Another replica's requests bring the key to half its rpm: no longer likely here.
    for (let index = 0; index < 4; index++) await b.admit('likely-key', limits, T0 + 200);
    await a.admit('likely-key', limits, T0 + 300);
    expect(a.likelyAdmits('likely-key', limits, T0 + 400)).toBe(false);
    // Tokens near the minute's limit count too.
    await a.record('token-key', 600, T0);
    await a.admit('token-key', limits, T0 + 10);
    expect(a.likelyAdmits('token-key', limits, T0 + 20)).toBe(false);
  });
});
