import { PassThrough } from 'node:stream';
import { ConfigError, createLogger, loadConfig, SecretRegistry } from '../src';
import type { EmulatorAccount } from '@geminicli2api/emulator';
import { startCustomStack } from './support/start-stack';
import { FAST_RETRIES } from './support/resilience-helpers';
import type { Stack } from './support/start-stack';

/** Synthetic secrets, distinctive enough that any leak is unmistakable. */
const SECRETS = {
  password: 'SYNTH-password-7f3a9c1e',
  refreshToken: '1//SYNTH-refresh-token-51b2d8',
  clientId: 'SYNTH-client-id.apps.example',
  clientSecret: 'GOCSPX-SYNTH-client-secret-c0ffee',
  apiKey: 'AIzaSyNTH-api-key-0123456789abcdef',
};

function credentialsJson(tokenUrl: string): string {
  return JSON.stringify({
    refresh_token: SECRETS.refreshToken,
    client_id: SECRETS.clientId,
    client_secret: SECRETS.clientSecret,
    token_uri: tokenUrl,
    token: 'expired',
    expiry: '2000-01-01T00:00:00Z',
  });
}

function expectNoSecrets(text: string, issuedTokens: readonly string[] = []): void {
  for (const [name, value] of Object.entries(SECRETS)) {
    if (name === 'clientId') continue; // an id, not a secret
    expect({ name, leaked: text.includes(value) }).toEqual({ name, leaked: false });
  }
  for (const token of issuedTokens) expect(text).not.toContain(token);
  // Any access token the emulator issues starts with emu-at-.
  expect(text).not.toMatch(/emu-at-[A-Za-z0-9]/);
}

describe('secrets never reach logs or response bodies', () => {
  let stack: Stack | undefined;
  const bodies: string[] = [];
  const start = async (
    account: Partial<EmulatorAccount> = {},
    env: Record<string, string> = {},
  ) => {
    stack = await startCustomStack(
      {
        accounts: [
          {
            refreshToken: SECRETS.refreshToken,
            clientId: SECRETS.clientId,
            clientSecret: SECRETS.clientSecret,
            project: 'synthetic-project',
            ...account,
          },
        ],
      },
      (emulator) => ({
        ...FAST_RETRIES,
        GEMINI_AUTH_PASSWORD: SECRETS.password,
        GEMINI_CREDENTIALS: credentialsJson(emulator.tokenUrl),
        ...env,
      }),
    );
    return stack;
  };
  afterEach(async () => {
    await stack?.close();
    stack = undefined;
    bodies.length = 0;
  });

  async function send(
    running: Stack,
    {
      stream = false,
      via = 'bearer',
    }: { stream?: boolean; via?: 'bearer' | 'query' | 'header' } = {},
  ): Promise<number> {
    const url = `${running.url}/v1/chat/completions${via === 'query' ? `?key=${SECRETS.password}` : ''}`;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (via === 'bearer') headers['authorization'] = `Bearer ${SECRETS.password}`;
    if (via === 'header') headers['x-goog-api-key'] = SECRETS.password;
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        model: 'gemini-2.5-flash',
        stream,
        messages: [{ role: 'user', content: 'hi' }],
      }),
    });
    bodies.push(`${JSON.stringify([...response.headers])}\n${await response.text()}`);
    return response.status;
  }

  it('config errors name variables, never values', () => {
    let message = '';
    try {
      loadConfig({
        GEMINI_AUTH_PASSWORD: 'short',
        HTTPS_PROXY: `http//user:${SECRETS.password}@proxy`,
        UPSTREAM_MAX_ATTEMPTS: SECRETS.apiKey,
        METRICS_ENABLED: SECRETS.clientSecret,
        GEMINI_CREDENTIALS: credentialsJson('http://127.0.0.1:1/token'),
      });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    expect(message).toMatch(/HTTPS_PROXY/);
    expect(message).toMatch(/UPSTREAM_MAX_ATTEMPTS/);
    expectNoSecrets(message);
  });

  it('upstream 401s (refresh, then a second 401) leak nothing, whichever way the password came', async () => {
    const running = await start();
    expect(await send(running)).toBe(200);
    running.emulator.script({ kind: 'status', status: 401, match: { method: 'generateContent' } });
    expect(await send(running, { via: 'query' })).toBe(200); // refreshed once, then served
    running.emulator.script({
      kind: 'status',
      status: 401,
      times: 2,
      match: { method: 'generateContent' },
    });
    // Google rejecting the gateway's credentials is a 503, never the client's 401.
    expect(await send(running, { via: 'header' })).toBe(503);
    expect(running.emulator.issuedAccessTokens(SECRETS.refreshToken)).toBeGreaterThanOrEqual(2);
    expect(running.logs().match(/"message":"request"/g)).toHaveLength(3); // the logs were written
    expectNoSecrets(running.logs() + bodies.join('\n'));
  });

  it('a failed token refresh (revoked grant) leaks nothing', async () => {
    const running = await start({ invalidGrant: true });
    const status = await send(running);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(bodies[0]).toMatch(/"error"/);
    expectNoSecrets(running.logs() + bodies.join('\n'));
  });

  it('a streaming error after the first byte leaks nothing', async () => {
    const running = await start();
    running.emulator.script({
      kind: 'error-event',
      afterEvents: 1,
      status: 500,
      match: { method: 'streamGenerateContent' },
    });
    expect(await send(running, { stream: true })).toBe(200);
    expect(bodies[0]).toMatch(/data: \{"error"/);
    expectNoSecrets(running.logs() + bodies.join('\n'));
  });

  it('a wrong password is refused without echoing what was sent', async () => {
    const running = await start();
    const response = await fetch(`${running.url}/v1/models?key=${SECRETS.apiKey}`);
    const text = await response.text();
    expect(response.status).toBe(401);
    expectNoSecrets(running.logs() + text);
  });

  it('the logger redacts secret keys and registered values in any field', () => {
    const stream = new PassThrough();
    let captured = '';
    stream.on('data', (chunk: Buffer) => (captured += chunk.toString('utf8')));
    const secrets = new SecretRegistry();
    secrets.add(SECRETS.password);
    const logger = createLogger({ level: 'debug', secrets, stream });
    logger.info('synthetic', {
      headers: { Authorization: `Bearer ${SECRETS.apiKey}`, 'x-goog-api-key': SECRETS.apiKey },
      nested: {
        refresh_token: SECRETS.refreshToken,
        client_secret: SECRETS.clientSecret,
        list: [{ password: SECRETS.password }],
      },
      note: `the password is ${SECRETS.password}`,
    });
    logger.error(new Error(`upstream said ${SECRETS.password}`));
    expect(captured).toContain('synthetic');
    expectNoSecrets(captured);
  });

  it('keeps only the current and previous access token of an account registered, however often it refreshes', () => {
    const secrets = new SecretRegistry();
    secrets.add(SECRETS.password);
    for (let hour = 0; hour < 5000; hour++) secrets.set('access-token:a', `ya29.token-${hour}`);
    expect(secrets.size).toBe(3);
    expect(
      secrets.redact('old ya29.token-4997, previous ya29.token-4998, current ya29.token-4999'),
    ).toBe('old ya29.token-4997, previous ***, current ***');
  });
});
