import { createHash, randomUUID } from 'node:crypto';
import type { QuotaBucket } from '@geminicli2api/oauth-store';
import type { ModelCooldown } from '../accounts/account-pool';
import type { Redis } from 'ioredis';
import type { Logger } from 'winston';
import { errorSummary } from '../middleware/error-handler';

/** An access token as replicas share it. */
export interface SharedToken {
  accessToken: string;
  expiryDate?: number | undefined;
}

/** What other replicas learned about accounts. */
export interface SharedAccountHandlers {
  cooldown(accountId: string, cooldown: ModelCooldown): void;
  quota(accountId: string, buckets: readonly QuotaBucket[]): void;
}

/**
 * Account state shared by replicas (REDIS_URL): cooldowns and quota learned by one are applied
 * by all (published, and kept until they end for replicas that start later), and a lock lets one
 * replica at a time refresh an account's token while the others wait for its result.
 */
export interface SharedAccountState {
  publishCooldown(accountId: string, cooldown: ModelCooldown): void;
  publishQuota(accountId: string, buckets: readonly QuotaBucket[]): void;
  /** Applies the live cooldowns, then listens for what other replicas publish. */
  listen(handlers: SharedAccountHandlers): Promise<void>;
  /**
   * A fresh token for the account: one another replica just refreshed (not `stale`), or the
   * result of `refresh`, run under the account's lock (only one replica refreshes at a time).
   */
  refreshToken(
    accountId: string,
    refresh: () => Promise<SharedToken>,
    stale: string | undefined,
  ): Promise<SharedToken>;
  close(): Promise<void>;
}

const CHANNEL = 'g2a:accounts';
const LOCK_MS = 30_000;
/** A shared token is used only while it has this long left (the token provider's margin). */
const FRESH_MARGIN_MS = 5 * 60_000;
const RELEASE_SCRIPT =
  "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

type Message =
  | { from: string; type: 'cooldown'; account: string; cooldown: ModelCooldown }
  | { from: string; type: 'quota'; account: string; buckets: QuotaBucket[] };

/** {@link SharedAccountState} over Redis (a second connection subscribes). */
export function redisSharedAccounts(redis: Redis, logger: Logger): SharedAccountState {
  const instance = randomUUID();
  let subscriber: Redis | undefined;
  const digest = (value: string) => createHash('sha256').update(value).digest('hex').slice(0, 32);
  const cooldownKey = (account: string, model: string) =>
    `g2a:cooldown:${digest(`${account}\n${model}`)}`;
  const fail = (what: string) => (error: unknown) =>
    logger.warn(`shared state: ${what} failed`, { error: errorSummary(error) });
  const publish = (message: Message, extra?: () => Promise<unknown>) => {
    void Promise.all([extra?.(), redis.publish(CHANNEL, JSON.stringify(message))]).catch(
      fail(`publishing a ${message.type}`),
    );
  };

  return {
    publishCooldown(account, cooldown) {
      const ttl = cooldown.until - Date.now();
      if (ttl <= 0) return;
      publish({ from: instance, type: 'cooldown', account, cooldown }, () =>
        redis.set(
          cooldownKey(account, cooldown.model),
          JSON.stringify({ account, cooldown }),
          'PX',
          Math.ceil(ttl),
        ),
      );
    },
    publishQuota(account, buckets) {
      publish({ from: instance, type: 'quota', account, buckets: [...buckets] });
    },
    async listen(handlers) {
      subscriber = redis.duplicate();
      subscriber.on('error', () => undefined);
      if (subscriber.status === 'wait') await subscriber.connect();
      subscriber.on('message', (_channel: string, text: string) => {
        try {
          const message = JSON.parse(text) as Message;
          if (message.from === instance) return;
          if (message.type === 'cooldown') handlers.cooldown(message.account, message.cooldown);
          else handlers.quota(message.account, message.buckets);
        } catch (error) {
          fail('applying a message')(error);
        }
      });
      await subscriber.subscribe(CHANNEL);
      // Cooldowns learned before this replica started.
      const keys: string[] = [];
      let cursor = '0';
      do {
        const [next, found] = await redis.scan(cursor, 'MATCH', 'g2a:cooldown:*', 'COUNT', 500);
        cursor = next;
        keys.push(...found);
      } while (cursor !== '0');
      const values = keys.length ? await redis.mget(keys) : [];
      for (const value of values) {
        if (!value) continue;
        const { account, cooldown } = JSON.parse(value) as {
          account: string;
          cooldown: ModelCooldown;
        };
        handlers.cooldown(account, cooldown);
      }
    },
    async refreshToken(account, refresh, stale) {
      let refreshed = false;
      const once = async () => {
        refreshed = true;
        return refresh();
      };
      try {
        return await coordinated(account, once, stale);
      } catch (error) {
        // Redis failed (not the refresh): refresh here, as a replica without Redis would.
        if (refreshed) throw error;
        fail('coordinating a token refresh')(error);
        return refresh();
      }
    },
    async close() {
      if (subscriber) await subscriber.quit().catch(() => subscriber?.disconnect());
    },
  };

  async function coordinated(
    account: string,
    refresh: () => Promise<SharedToken>,
    stale: string | undefined,
  ): Promise<SharedToken> {
    const tokenKey = `g2a:token:${digest(account)}`;
    const lockKey = `g2a:refresh-lock:${digest(account)}`;
    const deadline = Date.now() + LOCK_MS * 2;
    const usable = async (): Promise<SharedToken | undefined> => {
      const shared = await redis.get(tokenKey);
      if (!shared) return undefined;
      const token = JSON.parse(shared) as SharedToken;
      const fresh =
        token.expiryDate === undefined || token.expiryDate - Date.now() > FRESH_MARGIN_MS;
      return fresh && token.accessToken !== stale ? token : undefined;
    };
    for (;;) {
      const before = await usable();
      if (before) return before;
      if ((await redis.set(lockKey, instance, 'PX', LOCK_MS, 'NX')) === 'OK') {
        try {
          // Another replica may have refreshed and released the lock since the read above.
          const shared = await usable();
          if (shared) return shared;
          const token = await refresh();
          const ttl = token.expiryDate ? token.expiryDate - Date.now() : 3_600_000;
          if (ttl > 0)
            await redis
              .set(tokenKey, JSON.stringify(token), 'PX', Math.ceil(ttl))
              .catch(fail('sharing a refreshed token'));
          return token;
        } finally {
          await redis.eval(RELEASE_SCRIPT, 1, lockKey, instance).catch(fail('releasing a lock'));
        }
      }
      // Another replica is refreshing: wait for its token.
      if (Date.now() > deadline) return refresh();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
