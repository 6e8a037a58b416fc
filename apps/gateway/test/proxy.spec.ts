import { startEmulator, type Emulator } from '@geminicli2api/emulator';
import { consoleLogins, NEW_ACCOUNT_CODE, startConsoleStack } from './support/console-stack';
import { startGateway } from './support/start-gateway';
import { testCertificate } from './support/test-certificate';
import { startTestProxy, type TestProxy } from './support/test-proxy';

const PASSWORD = 'proxy-test-password';

/**
 * Code Assist is addressed as 127.0.0.1 and the token endpoint as localhost, so the proxy's
 * log tells the two apart (and NO_PROXY can exempt one of them).
 */
async function startGatewayBehindProxy(emulator: Emulator, env: Record<string, string>) {
  const gateway = await startGateway({
    GEMINI_AUTH_PASSWORD: PASSWORD,
    LOG_LEVEL: 'error',
    CODE_ASSIST_ENDPOINT: emulator.url,
    GEMINI_CREDENTIALS: JSON.stringify({
      refresh_token: 'demo-refresh-token',
      client_id: 'emulator-client',
      client_secret: 'emulator-secret',
      token: 'expired',
      expiry: '2000-01-01T00:00:00Z',
    }),
    GEMINI_OAUTH_TOKEN_URL: `http://localhost:${emulator.port}/token`,
    ...env,
  });
  const url = gateway.url;
  return {
    async chat(): Promise<number> {
      const response = await fetch(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${PASSWORD}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'gemini-2.5-flash',
          messages: [{ role: 'user', content: 'hi' }],
        }),
      });
      await response.text();
      return response.status;
    },
    close: () => gateway.close(),
  };
}

describe('outbound proxy (HTTP_PROXY / HTTPS_PROXY / NO_PROXY)', () => {
  let emulator: Emulator;
  let proxy: TestProxy;
  beforeEach(async () => {
    emulator = await startEmulator();
    proxy = await startTestProxy();
  });
  afterEach(async () => {
    await proxy.close();
    await emulator.close();
  });

  const targets = () =>
    proxy.seen.map((line) =>
      line.replace(/^CONNECT /, '').replace(/^\w+ http:\/\/([^/]+)\/.*$/, '$1'),
    );

  it('sends Gemini calls and the token refresh through the proxy', async () => {
    const gateway = await startGatewayBehindProxy(emulator, { HTTP_PROXY: proxy.url });
    try {
      expect(await gateway.chat()).toBe(200);
    } finally {
      await gateway.close();
    }
    expect(targets()).toContain(`localhost:${emulator.port}`); // token refresh
    expect(targets()).toContain(`127.0.0.1:${emulator.port}`); // Code Assist
    expect(proxy.seen.some((line) => line.startsWith('CONNECT '))).toBe(true);
  });

  it('HTTPS_PROXY alone applies to https:// targets only, as in curl (plain http stays direct)', async () => {
    const gateway = await startGatewayBehindProxy(emulator, { https_proxy: proxy.url });
    try {
      expect(await gateway.chat()).toBe(200);
    } finally {
      await gateway.close();
    }
    expect(proxy.seen).toEqual([]);
  });

  it('NO_PROXY exempts the hosts it names', async () => {
    const gateway = await startGatewayBehindProxy(emulator, {
      HTTP_PROXY: proxy.url,
      NO_PROXY: 'localhost',
    });
    try {
      expect(await gateway.chat()).toBe(200);
    } finally {
      await gateway.close();
    }
    expect(targets()).not.toContain(`localhost:${emulator.port}`);
    expect(targets()).toContain(`127.0.0.1:${emulator.port}`);
  });

  it('without a proxy setting nothing goes through the proxy', async () => {
    const gateway = await startGatewayBehindProxy(emulator, {});
    try {
      expect(await gateway.chat()).toBe(200);
    } finally {
      await gateway.close();
    }
    expect(proxy.seen).toEqual([]);
  });
});

describe('an HTTPS upstream whose certificate is not trusted (a TLS-intercepting proxy)', () => {
  it('says the certificate is not trusted and names NODE_EXTRA_CA_CERTS', async () => {
    const emulator = await startEmulator({ tls: testCertificate(), apiKeys: ['AIzaTestKeyTls'] });
    const proxy = await startTestProxy();
    const gateway = await startGateway({
      GEMINI_AUTH_PASSWORD: PASSWORD,
      GEMINI_API_KEY: 'AIzaTestKeyTls',
      GOOGLE_GEMINI_BASE_URL: emulator.url,
      HTTPS_PROXY: proxy.url,
      UPSTREAM_MAX_ATTEMPTS: '1',
    });
    try {
      const response = await fetch(`${gateway.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${PASSWORD}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'gemini-2.5-flash',
          messages: [{ role: 'user', content: 'hi' }],
        }),
      });
      const { error } = (await response.json()) as { error: { message: string } };
      expect(proxy.seen).toEqual([`CONNECT 127.0.0.1:${emulator.port}`]);
      expect(response.status).toBe(502);
      expect(error.message).toBe(
        `Gemini API (127.0.0.1:${emulator.port}) sent a TLS certificate this machine does not trust (DEPTH_ZERO_SELF_SIGNED_CERT). A proxy that intercepts TLS needs its CA certificate in NODE_EXTRA_CA_CERTS.`,
      );
      expect(emulator.requests).toEqual([]);
    } finally {
      await gateway.close();
      await proxy.close();
      await emulator.close();
    }
  });
});

describe("the console's add-account code exchange behind a proxy", () => {
  it('goes through HTTP_PROXY like every other call to Google', async () => {
    const proxy = await startTestProxy();
    // A host only the proxy can reach (it sends every target to loopback): the exchange
    // succeeds only through it. The accounts already there refresh at their own token_uri.
    const tokenUrl = (emulator: Emulator) => `http://oauth2.proxied.invalid:${emulator.port}/token`;
    const stack = await startConsoleStack((emulator) => ({
      HTTP_PROXY: proxy.url,
      GEMINI_OAUTH_TOKEN_URL: tokenUrl(emulator),
    }));
    try {
      const logins = await consoleLogins(stack.gateway.url, stack.gateway.password);
      const done = await logins.complete(await logins.start(), NEW_ACCOUNT_CODE);
      expect(done.status).toBe(200);
      expect(proxy.seen).toContain(`CONNECT oauth2.proxied.invalid:${stack.emulator.port}`);
    } finally {
      await stack.close();
      await proxy.close();
    }
  }, 30_000);
});
