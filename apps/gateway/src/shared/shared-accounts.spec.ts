import { Redis } from 'ioredis';
import winston from 'winston';
import { freshRedisUrl } from '../../test/support/services';
import { redisSharedAccounts, type SharedToken } from './shared-accounts';

const quiet = winston.createLogger({ silent: true });
const later = () => Date.now() + 3_600_000;

describe('token refreshes shared by replicas (real Redis)', () => {
  let url: string;
  const clients: Redis[] = [];
  const client = () => {
    const redis = new Redis(url);
    clients.push(redis);
    return redis;
  };
  beforeAll(async () => {
    url = await freshRedisUrl();
  });
  afterAll(() => clients.forEach((redis) => redis.disconnect()));

  it('a replica that finds the lock free right after another refreshed uses that token', async () => {
    const a = redisSharedAccounts(client(), quiet);
    const refreshA = jest.fn(async (): Promise<SharedToken> => ({
      accessToken: 'from-a',
      expiryDate: later(),
    }));
    // B read "no shared token" and is about to take the lock when A refreshes, shares its
    // token and releases the lock: the interleaving two replicas hit under load.
    const real = client();
    let interleaved = false;
    const racing = new Proxy(real, {
      get(target, property, receiver) {
        if (property !== 'set') return Reflect.get(target, property, receiver);
        return async (...args: unknown[]) => {
          if (!interleaved && args.includes('NX')) {
            interleaved = true;
            await a.refreshToken('account-1', refreshA, undefined);
          }
          return (target.set as (...rest: unknown[]) => Promise<unknown>)(...args);
        };
      },
    });
    const b = redisSharedAccounts(racing, quiet);
    const refreshB = jest.fn(async (): Promise<SharedToken> => ({
      accessToken: 'from-b',
      expiryDate: later(),
    }));

    const token = await b.refreshToken('account-1', refreshB, undefined);

    expect(interleaved).toBe(true);
    expect(refreshA).toHaveBeenCalledTimes(1);
    expect(refreshB).not.toHaveBeenCalled();
    expect(token.accessToken).toBe('from-a');
  });

  it('a forced refresh (the shared token was refused) refreshes once more and shares it', async () => {
    const a = redisSharedAccounts(client(), quiet);
    const b = redisSharedAccounts(client(), quiet);
    await a.refreshToken(
      'account-2',
      async () => ({ accessToken: 'old', expiryDate: later() }),
      undefined,
    );
    const refreshB = jest.fn(async () => ({ accessToken: 'new', expiryDate: later() }));

    expect((await b.refreshToken('account-2', refreshB, 'old')).accessToken).toBe('new');
    expect(refreshB).toHaveBeenCalledTimes(1);
    const refreshA = jest.fn(async () => ({ accessToken: 'newer', expiryDate: later() }));
    expect((await a.refreshToken('account-2', refreshA, undefined)).accessToken).toBe('new');
    expect(refreshA).not.toHaveBeenCalled();
  });

  it('hands quota and cooldowns one replica learns to the others, and cooldowns to one started later', async () => {
    const a = redisSharedAccounts(client(), quiet);
    const b = redisSharedAccounts(client(), quiet);
    const quota: unknown[] = [];
    const cooldowns: unknown[] = [];
    await b.listen({
      quota: (account, buckets) => quota.push({ account, buckets }),
      cooldown: (account, cooldown) => cooldowns.push({ account, cooldown }),
    });
    const buckets = [
      { modelId: 'gemini-2.5-pro', remainingFraction: 0.25, resetTime: '2030-01-01T00:00:00Z' },
    ];
    const cooldown = { model: 'gemini-2.5-pro', until: Date.now() + 60_000, terminal: false };
    a.publishQuota('account-3', buckets);
    a.publishCooldown('account-3', cooldown);
    for (let attempt = 0; attempt < 100 && cooldowns.length === 0; attempt++)
      await new Promise((done) => setTimeout(done, 10));
    expect(quota).toEqual([{ account: 'account-3', buckets }]);
    expect(cooldowns).toEqual([{ account: 'account-3', cooldown }]);

    const later: unknown[] = [];
    const c = redisSharedAccounts(client(), quiet);
    await c.listen({
      quota: () => undefined,
      cooldown: (account, cd) => later.push({ account, cd }),
    });
    expect(later).toEqual([{ account: 'account-3', cd: cooldown }]);
    await Promise.all([a.close(), b.close(), c.close()]);
  });
});
