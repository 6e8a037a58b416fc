import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The console's session cookie (also accepted by /admin). */
export const CONSOLE_COOKIE = 'g2a_console';
/** The header a console mutation carries its CSRF token in. */
export const CSRF_HEADER = 'x-csrf-token';
/** How long a sign-in lasts. */
export const CONSOLE_SESSION_MS = 12 * 60 * 60_000;

const SESSIONS = Symbol.for('geminicli2api.consoleSessions');

/**
 * Stateless, signed console sessions: the cookie is `v1.<expiry>.<nonce>.<HMAC>` under a key
 * derived from the admin password, so every replica with the same password accepts it and a new
 * password signs everyone out. The CSRF token is an HMAC of the cookie (double-submit, unforgeable
 * without the key).
 */
export interface ConsoleSessions {
  /** A new session: the cookie value and its CSRF token. */
  issue(): { token: string; csrf: string; maxAgeSeconds: number };
  /** True for an unexpired, correctly signed, not signed-out token. */
  verify(token: string | undefined): boolean;
  csrfFor(token: string): string;
  /** Signs the token out on this process (the browser also drops the cookie). */
  revoke(token: string): void;
  /** True when the request carries a valid session and, unless GET/HEAD, its CSRF header. */
  read(request: IncomingMessage): boolean;
}

function mac(key: Buffer, value: string): string {
  return createHmac('sha256', key).update(value).digest('base64url');
}

function same(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Reads one cookie from the request's `Cookie` header. */
export function readCookie(request: IncomingMessage, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return undefined;
}

/** Sessions signed with a key derived from `password`. */
export function createConsoleSessions(
  password: string,
  now: () => number = Date.now,
  lifetimeMs = CONSOLE_SESSION_MS,
): ConsoleSessions {
  const key = createHmac('sha256', password).update('geminicli2api console session v1').digest();
  const revoked = new Map<string, number>();
  const sessions: ConsoleSessions = {
    issue() {
      const expires = now() + lifetimeMs;
      const body = `v1.${expires.toString(36)}.${randomBytes(16).toString('base64url')}`;
      const token = `${body}.${mac(key, body)}`;
      return { token, csrf: sessions.csrfFor(token), maxAgeSeconds: lifetimeMs / 1000 };
    },
    verify(token) {
      if (!token || token.length > 200) return false;
      const [version, expires, nonce, signature] = token.split('.');
      if (version !== 'v1' || !expires || !nonce || !signature) return false;
      if (!same(signature, mac(key, `${version}.${expires}.${nonce}`))) return false;
      if (parseInt(expires, 36) <= now()) return false;
      return !revoked.has(nonce);
    },
    csrfFor: (token) => mac(key, `csrf.${token}`),
    revoke(token) {
      const [, expires = '0', nonce] = token.split('.');
      if (!nonce) return;
      for (const [old, until] of revoked) if (until <= now()) revoked.delete(old);
      revoked.set(nonce, parseInt(expires, 36));
    },
    read(request) {
      const token = readCookie(request, CONSOLE_COOKIE);
      if (!token || !sessions.verify(token)) return false;
      const method = request.method ?? 'GET';
      if (method === 'GET' || method === 'HEAD') return true;
      const header = request.headers[CSRF_HEADER];
      return typeof header === 'string' && same(header, sessions.csrfFor(token));
    },
  };
  return sessions;
}

/** Lets {@link readConsoleSession} check this request with the gateway's sessions. */
export function attachConsoleSessions(request: IncomingMessage, sessions: ConsoleSessions): void {
  (request as unknown as Record<symbol, ConsoleSessions>)[SESSIONS] = sessions;
}

/**
 * True when the request carries a valid console session cookie and, for a non-GET method, a valid
 * `x-csrf-token` header. For /admin: the gateway attaches its sessions to every /admin and
 * /console request; any other request (or a gateway with the console disabled) answers false.
 */
export function readConsoleSession(request: IncomingMessage): boolean {
  const sessions = (request as unknown as Record<symbol, ConsoleSessions | undefined>)[SESSIONS];
  return sessions?.read(request) ?? false;
}
