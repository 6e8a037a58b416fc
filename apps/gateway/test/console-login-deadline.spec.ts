import { NEW_ACCOUNT_CODE, signIn, startConsoleStack } from './support/console-stack';

describe('adding an account when the token endpoint never answers (issue 22 item 1)', () => {
  it('the code exchange gives up within UPSTREAM_ACCOUNT_TIMEOUT_MS with an error naming it', async () => {
    const stack = await startConsoleStack({ UPSTREAM_ACCOUNT_TIMEOUT_MS: '400' });
    try {
      const { url, password } = stack.gateway;
      const { cookie, csrf } = await signIn(url, password);
      const headers = { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' };
      const started = await fetch(`${url}/console/api/accounts/login`, { method: 'POST', headers });
      const { login_id: id } = (await started.json()) as { login_id: string };
      stack.emulator.script({ kind: 'hang', times: Infinity, match: { method: 'token' } });
      const began = Date.now();
      const done = await fetch(`${url}/console/api/accounts/login/${id}/complete`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ code: NEW_ACCOUNT_CODE }),
        signal: AbortSignal.timeout(10_000),
      });
      expect(Date.now() - began).toBeLessThan(4000);
      expect(done.status).toBe(503);
      expect(await done.json()).toMatchObject({
        error: {
          message: expect.stringMatching(
            /token endpoint .*did not answer within 0\.4 s \(UPSTREAM_ACCOUNT_TIMEOUT_MS\)/,
          ),
        },
      });
    } finally {
      await stack.close();
    }
  }, 20_000);
});
