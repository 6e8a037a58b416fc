import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  attachConsoleSessions,
  createConsoleSessions,
  readConsoleSession,
  type ConsoleSessions,
} from './console-session';

describe('readConsoleSession', () => {
  let time = 1_800_000_000_000;
  const sessions = createConsoleSessions('the-admin-password', () => time, 60_000);
  let server: Server;
  let url: string;
  let attach = true;
  beforeAll(async () => {
    server = createServer((request, response) => {
      if (attach) attachConsoleSessions(request, sessions);
      response.end(String(readConsoleSession(request)));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const ask = async (method: string, headers: Record<string, string>): Promise<string> =>
    (await fetch(url, { method, headers })).text();
  const cookieOf = (token: string) => `other=1; g2a_console=${token}`;

  it('accepts a signed session for GET, and for POST only with its CSRF token', async () => {
    const { token, csrf } = sessions.issue();
    expect(await ask('GET', { cookie: cookieOf(token) })).toBe('true');
    expect(await ask('POST', { cookie: cookieOf(token) })).toBe('false');
    expect(await ask('POST', { cookie: cookieOf(token), 'x-csrf-token': csrf })).toBe('true');
    const other = sessions.issue();
    expect(await ask('POST', { cookie: cookieOf(token), 'x-csrf-token': other.csrf })).toBe(
      'false',
    );
  });

  it('refuses no cookie, a tampered or foreign token, an expired or signed-out session', async () => {
    const { token } = sessions.issue();
    const foreign: ConsoleSessions = createConsoleSessions('another-password', () => time);
    expect(await ask('GET', {})).toBe('false');
    expect(await ask('GET', { cookie: cookieOf(`${token.slice(0, -2)}xx`) })).toBe('false');
    expect(await ask('GET', { cookie: cookieOf(foreign.issue().token) })).toBe('false');
    time += 60_001;
    expect(await ask('GET', { cookie: cookieOf(token) })).toBe('false');
    const fresh = sessions.issue();
    sessions.revoke(fresh.token);
    expect(await ask('GET', { cookie: cookieOf(fresh.token) })).toBe('false');
  });

  it('is false when the gateway attached no sessions (console disabled)', async () => {
    attach = false;
    try {
      expect(await ask('GET', { cookie: cookieOf(sessions.issue().token) })).toBe('false');
    } finally {
      attach = true;
    }
  });
});
