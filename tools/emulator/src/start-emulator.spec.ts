import { Agent, request as httpRequest } from 'node:http';
import { generateBody, getAccessToken, postJson } from './__fixtures__/emulator-client';
import { DEMO_ACCOUNT } from './emulator-account';
import type { Emulator } from './emulator-options';
import { startEmulator } from './start-emulator';

const form = (params: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(params).toString(),
});

describe('startEmulator', () => {
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await startEmulator({
      accounts: [
        DEMO_ACCOUNT,
        {
          refreshToken: 'client-bound',
          clientId: 'cid',
          clientSecret: 'secret',
          email: 'bound@example.com',
        },
        { refreshToken: 'revoked', invalidGrant: true },
        { refreshToken: 'static', accessToken: 'static-token', project: 'static-project' },
      ],
    });
  });
  afterEach(() => emulator.close());

  it('listens on an ephemeral loopback port and exposes its URLs', () => {
    expect(emulator.port).toBeGreaterThan(0);
    expect(emulator.url).toBe(`http://127.0.0.1:${emulator.port}`);
    expect(emulator.tokenUrl).toBe(`${emulator.url}/token`);
  });

  describe('token endpoint', () => {
    it('refreshes a token and counts each issue', async () => {
      const response = await fetch(
        emulator.tokenUrl,
        form({ grant_type: 'refresh_token', refresh_token: 'demo-refresh-token' }),
      );
      expect(response.status).toBe(200);
      const body = (await response.json()) as Record<string, unknown>;
      expect(body).toEqual({
        access_token: expect.stringMatching(/^emu-at-/),
        expires_in: 3600,
        scope: expect.stringContaining('https://www.googleapis.com/auth/cloud-platform'),
        token_type: 'Bearer',
        id_token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      });
      const payload = JSON.parse(
        Buffer.from(String(body.id_token).split('.')[1] ?? '', 'base64url').toString(),
      ) as Record<string, unknown>;
      expect(payload.email).toBe('demo@emulator.test');
      await getAccessToken(emulator);
      expect(emulator.issuedAccessTokens('demo-refresh-token')).toBe(2);
      expect(emulator.issuedAccessTokens('static')).toBe(0);
    });

    it('accepts a JSON body too', async () => {
      const response = await postJson(emulator, '/token', {
        grant_type: 'refresh_token',
        refresh_token: 'demo-refresh-token',
      });
      expect(response.status).toBe(200);
    });

    it.each<[string, Record<string, string>, number, Record<string, string>]>([
      [
        'an unknown refresh token',
        { grant_type: 'refresh_token', refresh_token: 'nope' },
        400,
        { error: 'invalid_grant', error_description: 'Bad Request' },
      ],
      [
        'a revoked account',
        { grant_type: 'refresh_token', refresh_token: 'revoked' },
        400,
        { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' },
      ],
      [
        'a wrong client id',
        {
          grant_type: 'refresh_token',
          refresh_token: 'client-bound',
          client_id: 'other',
          client_secret: 'secret',
        },
        401,
        { error: 'invalid_client', error_description: 'The OAuth client was not found.' },
      ],
      [
        'a wrong client secret',
        {
          grant_type: 'refresh_token',
          refresh_token: 'client-bound',
          client_id: 'cid',
          client_secret: 'bad',
        },
        401,
        { error: 'invalid_client', error_description: 'Unauthorized' },
      ],
      [
        'a missing refresh token',
        { grant_type: 'refresh_token' },
        400,
        {
          error: 'invalid_request',
          error_description: 'Missing required parameter: refresh_token',
        },
      ],
      [
        'an unsupported grant',
        { grant_type: 'password' },
        400,
        { error: 'unsupported_grant_type', error_description: 'Invalid grant_type: password' },
      ],
      [
        'an unknown authorization code',
        { grant_type: 'authorization_code', code: 'random' },
        400,
        { error: 'invalid_grant', error_description: 'Malformed auth code.' },
      ],
    ])('refuses %s', async (_name, params, status, body) => {
      const response = await fetch(emulator.tokenUrl, form(params));
      expect(response.status).toBe(status);
      expect(await response.json()).toEqual(body);
    });

    it('checks client credentials when the account has them', async () => {
      const response = await fetch(
        emulator.tokenUrl,
        form({
          grant_type: 'refresh_token',
          refresh_token: 'client-bound',
          client_id: 'cid',
          client_secret: 'secret',
        }),
      );
      expect(response.status).toBe(200);
    });

    it('exchanges an emu-code-<refreshToken> authorization code, returning the refresh token', async () => {
      const response = await fetch(
        emulator.tokenUrl,
        form({
          grant_type: 'authorization_code',
          code: 'emu-code-client-bound',
          client_id: 'cid',
          client_secret: 'secret',
          redirect_uri: 'http://127.0.0.1:1/oauth2callback',
        }),
      );
      const body = (await response.json()) as Record<string, unknown>;
      expect(body.refresh_token).toBe('client-bound');
      expect(body.access_token).toEqual(expect.stringMatching(/^emu-at-/));
      expect(emulator.issuedAccessTokens('client-bound')).toBe(1);
    });
  });

  describe('authentication of v1internal calls', () => {
    const unauthenticated = {
      error: {
        code: 401,
        message:
          'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
        status: 'UNAUTHENTICATED',
      },
    };

    it.each([
      ['no token', undefined],
      ['an unknown token', 'ya29.fake'],
    ])('answers 401 with %s', async (_name, token) => {
      const response = await postJson(
        emulator,
        '/v1internal:loadCodeAssist',
        { metadata: {} },
        token === undefined ? {} : { token },
      );
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual(unauthenticated);
    });

    it('answers 401 once an issued token has expired', async () => {
      const shortLived = await startEmulator({ accessTokenLifetimeSeconds: 0 });
      try {
        const token = await getAccessToken(shortLived);
        const response = await postJson(shortLived, '/v1internal:loadCodeAssist', {}, { token });
        expect(response.status).toBe(401);
      } finally {
        await shortLived.close();
      }
    });

    it('accepts a static access token and attributes the request to its account', async () => {
      const response = await postJson(
        emulator,
        '/v1internal:loadCodeAssist',
        { metadata: {} },
        { token: 'static-token' },
      );
      expect(response.status).toBe(200);
      expect(((await response.json()) as Record<string, unknown>).cloudaicompanionProject).toBe(
        'static-project',
      );
      expect(emulator.requests.at(-1)).toMatchObject({
        path: '/v1internal:loadCodeAssist',
        account: 'static',
      });
    });
  });

  it('records every request with path, query, lower-case headers, parsed body and account', async () => {
    const token = await getAccessToken(emulator);
    emulator.clearRequests();
    await postJson(emulator, '/v1internal:streamGenerateContent?alt=sse', generateBody(), {
      token,
    }).then((response) => response.text());
    expect(emulator.requests).toHaveLength(1);
    expect(emulator.requests[0]).toEqual({
      method: 'POST',
      path: '/v1internal:streamGenerateContent',
      query: { alt: 'sse' },
      headers: expect.objectContaining({
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
      }),
      body: generateBody(),
      account: 'demo-refresh-token',
      receivedAt: expect.any(Number),
    });
  });

  it('answers unknown paths and wrong HTTP methods with a Google 404', async () => {
    const token = await getAccessToken(emulator);
    for (const [method, path] of [
      ['POST', '/v1internal:embedContent'],
      ['GET', '/v1internal:generateContent'],
      ['GET', '/'],
      ['POST', '/v1/models'],
    ]) {
      const response = await fetch(`${emulator.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({
        error: { code: 404, message: 'Method not found.', status: 'NOT_FOUND' },
      });
    }
  });

  it('answers malformed JSON with a 400', async () => {
    const token = await getAccessToken(emulator);
    const response = await fetch(`${emulator.url}/v1internal:generateContent`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{"model":',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        code: 400,
        message: 'Invalid JSON payload received. Unexpected token.',
        status: 'INVALID_ARGUMENT',
      },
    });
  });

  it('adds accounts at runtime and exposes live, mutable state', async () => {
    emulator.addAccount({ refreshToken: 'late', tier: 'free-tier', onboarded: false });
    expect(emulator.account('late')).toMatchObject({ tier: 'free-tier', onboarded: false });
    expect(emulator.account('late').project).toBeUndefined();
    emulator.account('late').onboarded = true;
    emulator.account('late').project = 'later-project';
    const token = await getAccessToken(emulator, 'late');
    const response = await postJson(emulator, '/v1internal:loadCodeAssist', {}, { token });
    expect(await response.json()).toMatchObject({
      currentTier: { id: 'free-tier' },
      cloudaicompanionProject: 'later-project',
    });
    expect(() => emulator.account('missing')).toThrow('Unknown emulator account: missing');
  });

  it('keeps connections alive between requests', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const send = () =>
      new Promise<number | undefined>((resolve, reject) => {
        const request = httpRequest(
          `${emulator.url}/token`,
          { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
          (response) => {
            response.resume();
            response.on('end', () => resolve(request.socket?.localPort));
          },
        );
        request.on('error', reject);
        request.end(
          JSON.stringify({ grant_type: 'refresh_token', refresh_token: 'demo-refresh-token' }),
        );
      });
    try {
      const first = await send();
      const second = await send();
      expect(first).toBeDefined();
      expect(second).toBe(first);
    } finally {
      agent.destroy();
    }
  });

  it('closes promptly while a client still holds a connection open', async () => {
    const token = await getAccessToken(emulator);
    emulator.script({ kind: 'hang' });
    const pending = postJson(emulator, '/v1internal:generateContent', generateBody(), {
      token,
    }).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await emulator.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(String(await pending)).toContain('fetch failed');
    await emulator.close();
  });
});
