import { hash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import express, { Router, type Response } from 'express';
import { GatewayError } from '../gateway-error';
import type { ConsoleAsset } from './console-assets';
import {
  preferredLanguage,
  securityHeaders,
  shellPage,
  signInPage,
  type SignInProblem,
} from './console-pages';
import { CONSOLE_COOKIE, readCookie, type ConsoleSessions } from './console-session';
import { SignInThrottle } from './sign-in-throttle';

/** Options of {@link consoleRoutes}. */
export interface ConsoleRoutesOptions {
  password: string;
  sessions: ConsoleSessions;
  assets: Map<string, ConsoleAsset> | undefined;
  version: string;
  /** The console's JSON API (`/console/api/...`), reached only with a session. */
  api: Router;
}

/** Pages of the single-page app; each answers the same shell. */
const PAGES = new Set(['', 'overview', 'accounts', 'keys', 'models', 'requests']);
const FAILED_SIGN_IN_DELAY_MS = 500;

function isTls(request: IncomingMessage): boolean {
  const socket = request.socket as { encrypted?: boolean };
  return socket.encrypted === true || request.headers['x-forwarded-proto'] === 'https';
}

function cookie(request: IncomingMessage, value: string, maxAgeSeconds: number): string {
  return `${CONSOLE_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${isTls(request) ? '; Secure' : ''}`;
}

/** True when a browser's Origin (if sent) is this very host: a sign-in from another site is refused. */
function sameOrigin(request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  if (!origin || origin === 'null') return origin === undefined;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

function passwordMatches(presented: unknown, password: string): boolean {
  if (typeof presented !== 'string') return false;
  return timingSafeEqual(hash('sha256', presented, 'buffer'), hash('sha256', password, 'buffer'));
}

function sendSignIn(
  request: IncomingMessage,
  response: Response,
  status: number,
  problem?: SignInProblem,
  waitSeconds?: number,
): void {
  const { html, nonce } = signInPage(preferredLanguage(request), problem, waitSeconds);
  response.status(status).set(securityHeaders(nonce)).type('html').send(html);
}

/**
 * `/console`: the sign-in page and form, sign-out, and — only with a valid session — the app
 * shell, its bundle and its API. Without a session a page redirects to the sign-in page and the
 * API answers 401; a mutation without the CSRF header answers 403.
 */
export function consoleRoutes(options: ConsoleRoutesOptions): Router {
  const { password, sessions, assets, version, api } = options;
  const throttle = new SignInThrottle();
  const router = Router();
  router.get('/console/sign-in', (request, response) => {
    if (sessions.verify(readCookie(request, CONSOLE_COOKIE)))
      return response.redirect(303, '/console/');
    sendSignIn(request, response, 200);
  });
  router.post(
    '/console/sign-in',
    express.urlencoded({ extended: false, limit: '4kb' }),
    (request, response) => {
      if (!sameOrigin(request)) return sendSignIn(request, response, 403, 'origin');
      // The client's address: the socket's, or what a TRUST_PROXY proxy says in X-Forwarded-For.
      const address = request.ip ?? request.socket.remoteAddress ?? 'unknown';
      const wait = throttle.retryAfterSeconds(address);
      if (wait > 0) {
        response.set('retry-after', String(wait));
        return sendSignIn(request, response, 429, 'throttled', wait);
      }
      const body = request.body as Record<string, unknown> | undefined;
      if (!passwordMatches(body?.['password'], password)) {
        throttle.failed(address);
        setTimeout(() => sendSignIn(request, response, 401, 'wrong'), FAILED_SIGN_IN_DELAY_MS);
        return;
      }
      throttle.succeeded(address);
      const session = sessions.issue();
      response.set('set-cookie', cookie(request, session.token, session.maxAgeSeconds));
      response.redirect(303, '/console/');
    },
  );

  // Everything below needs a session (and, for a mutation, the CSRF header).
  router.use('/console', (request, response, next) => {
    const token = readCookie(request, CONSOLE_COOKIE);
    if (!sessions.verify(token)) {
      if (request.path.startsWith('/api/') || request.method !== 'GET')
        return next(
          new GatewayError({
            code: 'UNAUTHORIZED',
            status: 401,
            message:
              'Sign in to the console first (POST /console/sign-in with the admin password).',
          }),
        );
      return response.redirect(303, '/console/sign-in');
    }
    if (!sessions.read(request))
      return next(
        new GatewayError({
          code: 'UNAUTHORIZED',
          status: 403,
          message: 'This console request lacks its x-csrf-token header; reload the console page.',
        }),
      );
    next();
  });
  router.post('/console/sign-out', (request, response) => {
    const token = readCookie(request, CONSOLE_COOKIE);
    if (token) sessions.revoke(token);
    response
      .set('set-cookie', cookie(request, '', 0))
      .status(204)
      .end();
  });
  router.get('/console/assets/:name', (request, response, next) => {
    const asset = assets?.get(request.params.name);
    if (!asset) return next();
    response.set(securityHeaders()).type(asset.contentType).send(asset.body);
  });
  router.use('/console/api', api);
  router.get(['/console', '/console/', '/console/:page'], (request, response, next) => {
    const page = (request.params as { page?: string }).page ?? '';
    if (!PAGES.has(page)) return next();
    if (!assets)
      return response
        .status(503)
        .type('text')
        .send('The console is not built. Run `npm run build` (it bundles apps/gateway/console).');
    const token = readCookie(request, CONSOLE_COOKIE) ?? '';
    response
      .set(securityHeaders())
      .type('html')
      .send(shellPage(preferredLanguage(request), sessions.csrfFor(token), version));
  });
  return router;
}
