import { createServer, type AddressInfo } from 'node:net';
import { consoleLogins, NEW_ACCOUNT_CODE, startConsoleStack } from './support/console-stack';

/** A loopback port nothing listens on (taken, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('adding an account when the token endpoint never answers (issue 22 item 1)', () => {
  it('the code exchange gives up within UPSTREAM_ACCOUNT_TIMEOUT_MS with an error naming it', async () => {
    const stack = await startConsoleStack({ UPSTREAM_ACCOUNT_TIMEOUT_MS: '400' });
    try {
      const logins = await consoleLogins(stack.gateway.url, stack.gateway.password);
      const id = await logins.start();
      stack.emulator.script({ kind: 'hang', times: Infinity, match: { method: 'token' } });
      const began = Date.now();
      const done = await logins.complete(id, NEW_ACCOUNT_CODE, {
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

describe('adding an account when the token endpoint cannot be reached', () => {
  it('answers 503 naming the endpoint and why, not a 400 blaming the code', async () => {
    const closed = await closedPort();
    const stack = await startConsoleStack({
      GEMINI_OAUTH_TOKEN_URL: `http://127.0.0.1:${closed}/token`,
    });
    try {
      const logins = await consoleLogins(stack.gateway.url, stack.gateway.password);
      const done = await logins.complete(await logins.start(), NEW_ACCOUNT_CODE);
      expect(done.status).toBe(503);
      expect(await done.json()).toMatchObject({
        error: {
          message: `Could not reach the token endpoint (127.0.0.1:${closed}): ECONNREFUSED. Check the network and HTTPS_PROXY, then try again.`,
        },
      });
    } finally {
      await stack.close();
    }
  }, 20_000);
});
