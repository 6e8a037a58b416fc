import { createServer } from 'node:net';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { startEmulator, AUTHORIZATION_CODE_PREFIX, type Emulator } from '@geminicli2api/emulator';
import { loadConfig } from '../src';
import { startLoopbackLogin } from '../src/login/oauth-login';
import { runLogin } from '../src/login/run-login';
import { startTestProxy } from './support/test-proxy';

function waitForUrl(stream: PassThrough): Promise<URL> {
  return new Promise((resolve) => {
    let text = '';
    stream.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const match = /https?:\/\/\S+\?\S+/.exec(text);
      if (match) resolve(new URL(match[0]));
    });
  });
}

describe('npm run login against the emulator token endpoint', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({
      accounts: [{ refreshToken: 'new-login-refresh', email: 'dev@example.test' }],
    });
  });
  afterAll(() => emulator.close());

  it('completes the loopback flow and saves a 0600 gemini-cli file named after the account', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'login-dir-'));
    const config = loadConfig({
      GEMINI_CREDENTIALS_DIR: dir,
      GEMINI_OAUTH_TOKEN_URL: emulator.tokenUrl,
    });
    const stdout = new PassThrough();
    let printed = '';
    stdout.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
    const urlSeen = waitForUrl(stdout);
    const opened: string[] = [];
    const openUrl = (url: string) => {
      opened.push(url);
      return Promise.resolve(true);
    };
    const done = runLogin({ config, noBrowser: false, port: 0, stdout, openUrl });
    const authUrl = await urlSeen;
    expect(opened.map((url) => new URL(url).href)).toEqual([authUrl.href]);
    expect(printed).toContain('Your browser was opened');
    expect(authUrl.searchParams.get('access_type')).toBe('offline');
    expect(authUrl.searchParams.get('scope')).toContain(
      'https://www.googleapis.com/auth/cloud-platform',
    );
    const redirect = new URL(authUrl.searchParams.get('redirect_uri') ?? '');
    expect(redirect.hostname).toBe('127.0.0.1');
    const wrongState = await fetch(`${redirect.href}?code=x&state=forged`);
    expect(wrongState.status).toBe(400);
    expect(await wrongState.text()).toContain('State mismatch');
    const callback = await fetch(
      `${redirect.href}?code=${AUTHORIZATION_CODE_PREFIX}new-login-refresh&state=${authUrl.searchParams.get('state')}`,
    );
    expect(callback.status).toBe(200);
    const path = await done;
    expect(path).toBe(join(dir, 'dev@example.test.json'));
    const saved = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    expect(saved).toMatchObject({ refresh_token: 'new-login-refresh', token_type: 'Bearer' });
    expect(saved['expiry_date']).toBeGreaterThan(Date.now());
    expect(saved).not.toHaveProperty('expires_in');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(printed).toContain(`Credentials saved to ${path}`);
    expect(printed).not.toContain(String(saved['access_token']));
  });

  it('reads the pasted code in --no-browser mode (PKCE) and writes the requested file', async () => {
    const output = join(await mkdtemp(join(tmpdir(), 'login-out-')), 'creds.json');
    const config = loadConfig({ GEMINI_OAUTH_TOKEN_URL: emulator.tokenUrl });
    const stdout = new PassThrough();
    const input = new PassThrough();
    const urlSeen = waitForUrl(stdout);
    const done = runLogin({ config, noBrowser: true, output, input, stdout });
    const authUrl = await urlSeen;
    expect(authUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authUrl.searchParams.get('redirect_uri')).toBe('https://codeassist.google.com/authcode');
    input.write(`${AUTHORIZATION_CODE_PREFIX}new-login-refresh\n`);
    await done;
    const exchange = emulator.requests.filter((request) => request.path === '/token').at(-1);
    expect(exchange?.body).toMatchObject({
      grant_type: 'authorization_code',
      code_verifier: expect.any(String),
    });
    expect(JSON.parse(await readFile(output, 'utf8'))).toMatchObject({
      refresh_token: 'new-login-refresh',
    });
  });

  it('says clearly when the callback port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    await expect(startLoopbackLogin({ tokenUrl: emulator.tokenUrl }, port)).rejects.toThrow(
      new RegExp(`Port ${port} is already in use.*--port`),
    );
    blocker.close();
  });

  it('reports a rejected code without printing any secret', async () => {
    const login = await startLoopbackLogin(
      { tokenUrl: emulator.tokenUrl, clientSecret: 'super-secret-client' },
      0,
    );
    const state = new URL(login.authUrl).searchParams.get('state');
    const failed = login.tokens.catch((error: unknown) => error as Error);
    await fetch(
      `${login.redirectUri}?code=${AUTHORIZATION_CODE_PREFIX}unknown-account&state=${state}`,
    );
    const error = await failed;
    expect(error.message).toMatch(/did not accept the authorization code \(invalid_grant\)/);
    expect(error.message).not.toContain('super-secret-client');
  });

  it('exchanges the code through HTTP_PROXY, like every other call to Google', async () => {
    const proxy = await startTestProxy();
    try {
      // A host only the proxy can reach (it sends every target to loopback).
      const config = loadConfig({
        GEMINI_OAUTH_TOKEN_URL: `http://oauth2.proxied.invalid:${emulator.port}/token`,
        HTTP_PROXY: proxy.url,
      });
      const output = join(await mkdtemp(join(tmpdir(), 'login-proxy-')), 'creds.json');
      const stdout = new PassThrough();
      const input = new PassThrough();
      const urlSeen = waitForUrl(stdout);
      const done = runLogin({ config, noBrowser: true, output, input, stdout });
      await urlSeen;
      input.write(`${AUTHORIZATION_CODE_PREFIX}new-login-refresh\n`);
      expect(await done).toBe(output);
      expect(proxy.seen).toContain(`CONNECT oauth2.proxied.invalid:${emulator.port}`);
    } finally {
      await proxy.close();
    }
  });
});
