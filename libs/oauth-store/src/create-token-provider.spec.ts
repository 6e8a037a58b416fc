import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTokenProvider } from './create-token-provider';
import type { OAuthCredentials } from './credentials';

interface TokenServer {
  url: string;
  requests: URLSearchParams[];
  respond: (params: URLSearchParams) => { status: number; body: object };
  close(): Promise<void>;
}

async function startTokenServer(): Promise<TokenServer> {
  const state: Omit<TokenServer, 'url' | 'close'> = {
    requests: [],
    respond: () => ({
      status: 200,
      body: {
        access_token: `ya29.fresh-${state.requests.length}`,
        expires_in: 3600,
        token_type: 'Bearer',
      },
    }),
  };
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const params = new URLSearchParams(body);
      state.requests.push(params);
      // A slow endpoint makes concurrent callers overlap with the refresh in flight.
      setTimeout(() => {
        const { status, body: reply } = state.respond(params);
        response
          .writeHead(status, { 'content-type': 'application/json' })
          .end(JSON.stringify(reply));
      }, 30);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}/token`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

const NOW = 1_800_000_000_000;
const expired: OAuthCredentials = {
  format: 'gemini-cli',
  refreshToken: '1//refresh-secret',
  accessToken: 'ya29.old',
  expiryDate: 1000,
  raw: {},
};

describe('createTokenProvider', () => {
  let server: TokenServer;
  beforeEach(async () => {
    server = await startTokenServer();
  });
  afterEach(() => server.close());

  it('returns the stored token while it is valid beyond the margin', async () => {
    const provider = createTokenProvider({
      credentials: { ...expired, expiryDate: NOW + 60 * 60_000 },
      source: 'test',
      tokenUrl: server.url,
      now: () => NOW,
    });
    expect(await provider.getAccessToken()).toBe('ya29.old');
    expect(server.requests).toHaveLength(0);
  });

  it('refreshes proactively inside the 5-minute margin, sending the refresh token and client', async () => {
    const provider = createTokenProvider({
      credentials: { ...expired, expiryDate: NOW + 60_000 },
      source: 'test',
      tokenUrl: server.url,
      clientId: 'my-client',
      clientSecret: 'my-secret',
      now: () => NOW,
    });
    expect(await provider.getAccessToken()).toBe('ya29.fresh-1');
    expect(Object.fromEntries(server.requests[0] ?? [])).toMatchObject({
      grant_type: 'refresh_token',
      refresh_token: '1//refresh-secret',
      client_id: 'my-client',
      client_secret: 'my-secret',
    });
  });

  it('makes exactly one refresh for 100 concurrent callers and persists once', async () => {
    const saved: OAuthCredentials[] = [];
    const provider = createTokenProvider({
      credentials: expired,
      source: 'test',
      tokenUrl: server.url,
      onRefresh: (credentials) => {
        saved.push(credentials);
      },
    });
    const tokens = await Promise.all(Array.from({ length: 100 }, () => provider.getAccessToken()));
    expect(new Set(tokens)).toEqual(new Set(['ya29.fresh-1']));
    expect(server.requests).toHaveLength(1);
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({
      accessToken: 'ya29.fresh-1',
      refreshToken: '1//refresh-secret',
    });
    expect(saved[0]?.expiryDate).toBeGreaterThan(Date.now());
  });

  it("uses the credentials' own token_uri over the configured URL", async () => {
    const provider = createTokenProvider({
      credentials: { ...expired, tokenUri: server.url },
      source: 'test',
      tokenUrl: 'http://127.0.0.1:1/unreachable',
    });
    expect(await provider.getAccessToken()).toBe('ya29.fresh-1');
  });

  it('reports invalid_grant as RELOGIN_REQUIRED without leaking the refresh token', async () => {
    server.respond = () => ({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' },
    });
    const provider = createTokenProvider({
      credentials: expired,
      source: 'oauth_creds.json',
      tokenUrl: server.url,
    });
    const error = (await provider.getAccessToken().catch((caught: unknown) => caught)) as Error;
    expect(error).toMatchObject({ code: 'RELOGIN_REQUIRED', isRetryable: false });
    expect(error.message).toContain('oauth_creds.json');
    expect(error.message).not.toContain('1//refresh-secret');
  });

  it('reports a 503 from the token endpoint as retryable, and a later call tries again', async () => {
    server.respond = () => ({ status: 503, body: { error: 'unavailable' } });
    const provider = createTokenProvider({
      credentials: expired,
      source: 'test',
      tokenUrl: server.url,
    });
    await expect(provider.getAccessToken()).rejects.toMatchObject({
      code: 'TOKEN_REFRESH_FAILED',
      isRetryable: true,
    });
    server.respond = () => ({
      status: 200,
      body: { access_token: 'ya29.recovered', expires_in: 3600 },
    });
    expect(await provider.getAccessToken()).toBe('ya29.recovered');
  });
});
