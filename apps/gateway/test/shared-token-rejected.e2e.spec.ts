import { freshRedisUrl } from './support/services';
import { postJson, startStack } from './support/start-stack';

const chat = { model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'hi' }] };

/**
 * Replicas share access tokens in Redis. A shared token Google no longer accepts (revoked, or
 * issued before a credentials change) must not take the account out: the account's setup call
 * answers 401, the replica refreshes past that token and goes on.
 */
describe('a shared access token that Google refuses', () => {
  it('is replaced by a fresh one when account setup answers 401, and requests succeed', async () => {
    const redisUrl = await freshRedisUrl();
    // A first replica refreshes the token and shares it in Redis; its token server then goes away
    // with every token it issued (as a revocation does).
    const first = await startStack({ env: { REDIS_URL: redisUrl } });
    expect((await postJson(first, '/v1/chat/completions', chat)).status).toBe(200);
    await first.close();

    const second = await startStack({ env: { REDIS_URL: redisUrl } });
    try {
      const response = await postJson(second, '/v1/chat/completions', chat);
      expect(response.status).toBe(200);
      const tokenCalls = second.emulator.requests.filter((request) => request.path === '/token');
      expect(tokenCalls).toHaveLength(1);
    } finally {
      await second.close();
    }
  }, 30_000);
});
