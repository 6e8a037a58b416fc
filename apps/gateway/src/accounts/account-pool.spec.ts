import { AccountPool } from './account-pool';

function clock(start = 1_800_000_000_000) {
  let time = start;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

describe('AccountPool', () => {
  it.each([
    ['round-robin', ['a', 'b', 'c', 'a']],
    ['fill-first', ['a', 'a', 'a', 'a']],
  ] as const)('%s picks %j over four requests', (strategy, expected) => {
    const pool = new AccountPool({ ids: ['a', 'b', 'c'], strategy });
    expect([1, 2, 3, 4].map(() => pool.pick('m'))).toEqual(expected);
  });

  it('never picks a disabled account, shows it in the snapshot, and picks it again once enabled', () => {
    const time = clock();
    const pool = new AccountPool({ ids: ['a', 'b'], strategy: 'fill-first', now: time.now });
    pool.recordRateLimit('b', 'pro', { retryDelayMs: 5_000, terminal: false });
    pool.setDisabled('a', true);
    expect(pool.pick('flash')).toBe('b');
    expect(pool.pick('pro')).toBeUndefined();
    // Only b's cooldown can free the model: a disabled account is no "next available" one.
    expect(pool.nextAvailableAt('pro')).toBe(time.now() + 5_000);
    expect(pool.account('a')).toMatchObject({ state: 'ready', disabled: true });
    pool.setDisabled('a', false);
    expect(pool.account('a')?.disabled).toBeUndefined();
    expect(pool.pick('pro')).toBe('a');
  });

  it('adds a new account once, and picks it when the others cannot serve', () => {
    const pool = new AccountPool({ ids: ['a'], strategy: 'fill-first' });
    pool.setDisabled('a', true);
    expect(pool.pick('m')).toBeUndefined();
    expect(pool.add('b')).toBe(true);
    expect(pool.add('b')).toBe(false);
    expect(pool.pick('m')).toBe('b');
    expect(pool.snapshot().map((account) => account.id)).toEqual(['a', 'b']);
  });

  it('cools an account down per model for the RetryInfo delay, then brings it back', () => {
    const time = clock();
    const pool = new AccountPool({ ids: ['a', 'b'], strategy: 'fill-first', now: time.now });
    pool.recordRateLimit('a', 'pro', { retryDelayMs: 12_000, terminal: false });
    expect(pool.pick('pro')).toBe('b');
    expect(pool.pick('flash')).toBe('a');
    expect(pool.nextAvailableAt('pro')).toBe(time.now() + 12_000);
    time.advance(12_001);
    expect(pool.pick('pro')).toBe('a');
  });

  it('applies a cooldown learned elsewhere without counting a 429, keeping the later one', () => {
    const time = clock();
    const pool = new AccountPool({ ids: ['a', 'b'], strategy: 'fill-first', now: time.now });
    const learned = pool.recordRateLimit('a', 'pro', { retryDelayMs: 5_000, terminal: false });
    expect(learned).toEqual({ model: 'pro', until: time.now() + 5_000, terminal: false });
    const other = new AccountPool({ ids: ['a', 'b'], strategy: 'fill-first', now: time.now });
    other.applyCooldown('a', learned);
    other.applyCooldown('a', { ...learned, until: time.now() + 1_000 });
    other.applyCooldown('unknown', learned);
    expect(other.pick('pro')).toBe('b');
    expect(other.account('a')?.counters.rateLimited).toBe(0);
    time.advance(4_000);
    expect(other.pick('pro')).toBe('b');
    time.advance(1_001);
    expect(other.pick('pro')).toBe('a');
    expect(other.has('a')).toBe(true);
    expect(other.has('unknown')).toBe(false);
  });

  it('parks a terminal quota until its reset time and skips excluded accounts', () => {
    const time = clock();
    const pool = new AccountPool({ ids: ['a', 'b'], strategy: 'fill-first', now: time.now });
    pool.recordRateLimit('a', 'pro', { terminal: true, resetAt: time.now() + 5 * 3_600_000 });
    time.advance(4 * 3_600_000);
    expect(pool.pick('pro')).toBe('b');
    expect(pool.pick('pro', new Set(['b']))).toBeUndefined();
    time.advance(3_600_001);
    expect(pool.pick('pro')).toBe('a');
  });

  it('skips an exhausted quota bucket before any request and frees it when refilled', () => {
    const time = clock();
    const pool = new AccountPool({ ids: ['a', 'b'], strategy: 'fill-first', now: time.now });
    pool.updateQuota('a', [
      {
        modelId: 'pro',
        remainingFraction: 0,
        resetTime: new Date(time.now() + 60_000).toISOString(),
      },
      { modelId: 'flash', remainingFraction: 0.5 },
    ]);
    expect(pool.pick('pro')).toBe('b');
    expect(pool.pick('flash')).toBe('a');
    pool.updateQuota('a', [{ modelId: 'pro', remainingFraction: 1 }]);
    expect(pool.pick('pro')).toBe('a');
  });

  it('never picks ineligible or re-login accounts, and says why in the snapshot', () => {
    const pool = new AccountPool({ ids: ['a', 'b', 'c'] });
    pool.markIneligible('a', 'licence missing', { reason: 'SUBSCRIPTION_REQUIRED' });
    pool.markReloginRequired('b', 'log in again');
    expect([1, 2, 3].map(() => pool.pick('m'))).toEqual(['c', 'c', 'c']);
    expect(
      pool.snapshot().map(({ id, state, eligibility }) => ({ id, state, eligibility })),
    ).toEqual([
      { id: 'a', state: 'ineligible', eligibility: { reason: 'SUBSCRIPTION_REQUIRED' } },
      { id: 'b', state: 'relogin-required', eligibility: undefined },
      { id: 'c', state: 'ready', eligibility: undefined },
    ]);
  });

  it('retries a failing account after the pause, and a success makes it ready again', () => {
    const time = clock();
    const pool = new AccountPool({ ids: ['a'], now: time.now, failingRetryMs: 1000 });
    pool.markFailing('a', 'token endpoint unreachable');
    expect(pool.pick('m')).toBeUndefined();
    // Failing is not rate-limited: no cooldown to announce, only the next retry of the account.
    expect(pool.nextAvailableAt('m')).toBeUndefined();
    expect(pool.nextRetryAt()).toBe(time.now() + 1000);
    time.advance(1001);
    expect(pool.pick('m')).toBe('a');
    pool.recordSuccess('a');
    expect(pool.account('a')).toMatchObject({
      state: 'ready',
      counters: { successes: 1, failures: 1 },
    });
    expect(pool.account('a')).not.toHaveProperty('problem');
  });
});
