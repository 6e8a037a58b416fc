import { hash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { GatewayError } from '../gateway-error';
import { queryParam, type GatewayResponse } from '../http/gateway-response';
import type { ClientKeyCheck } from '../keys/client-key-check';
import { contextOf, type RequestPrincipal } from './request-context';

/** The request presented the gateway password: the admin. */
const ADMIN: RequestPrincipal = Object.freeze({ id: null, name: 'admin' });

/**
 * Reads the password a client presented, in any of the accepted forms: `Authorization: Bearer`,
 * `Authorization: Basic` (any user name), `x-goog-api-key`, `x-api-key` (what Anthropic clients
 * send), or the `key` query parameter.
 */
export function readPresentedPassword(request: IncomingMessage): string | undefined {
  const header = request.headers.authorization;
  if (header) {
    const [scheme, value = ''] = header.trim().split(/\s+/, 2);
    if (scheme?.toLowerCase() === 'bearer') return value;
    if (scheme?.toLowerCase() === 'basic') {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      return colon >= 0 ? decoded.slice(colon + 1) : decoded;
    }
  }
  const apiKey = request.headers['x-goog-api-key'];
  if (typeof apiKey === 'string' && apiKey) return apiKey;
  const anthropicKey = request.headers['x-api-key'];
  if (typeof anthropicKey === 'string' && anthropicKey) return anthropicKey;
  return queryParam(request, 'key');
}

function digest(value: string): Buffer {
  // The one-shot hash: a fraction of createHash's cost, paid on every request.
  return hash('sha256', value, 'buffer');
}

/** The check every API request passes (the response, when given, learns who it is). */
export type CredentialCheck = (
  request: IncomingMessage,
  response?: GatewayResponse,
) => GatewayError | undefined;

/**
 * Returns the check every API request passes: undefined when the request presents the gateway
 * password (constant-time comparison) or a valid client key (`clientKeys`), else the 401.
 */
export function passwordCheck(password: string, clientKeys?: ClientKeyCheck): CredentialCheck {
  const expected = digest(password);
  return function checkPassword(request, response) {
    const presented = readPresentedPassword(request);
    if (presented !== undefined && clientKeys) {
      const verdict = clientKeys(presented, response);
      if (verdict !== undefined) return verdict ?? undefined;
    }
    if (presented !== undefined && timingSafeEqual(digest(presented), expected)) {
      const context = response && contextOf(response);
      if (context) context.principal = ADMIN;
      return undefined;
    }
    return new GatewayError({
      code: 'UNAUTHORIZED',
      status: 401,
      message:
        presented === undefined
          ? 'Missing password. Send it as "Authorization: Bearer <GEMINI_AUTH_PASSWORD>", Basic auth, the x-goog-api-key or x-api-key header, or ?key=.'
          : 'Incorrect password. Use the value of GEMINI_AUTH_PASSWORD (printed at start when it was generated).',
    });
  };
}

/** Express middleware form of {@link passwordCheck}. */
export function authenticate(check: CredentialCheck): RequestHandler {
  return function authenticateMiddleware(request, response, next) {
    next(check(request, response as GatewayResponse));
  };
}
