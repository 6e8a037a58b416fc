import { hash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import type { GatewayResponse } from '../http/gateway-response';
import { contextOf } from '../middleware/request-context';
import { GatewayError } from '../gateway-error';
import { KEY_PREFIX } from '../keys/key-secret';
import { readPresentedPassword } from '../middleware/authenticate';

/**
 * True when the request presents the admin password (GEMINI_AUTH_PASSWORD, or the one generated
 * at start) in any accepted form. Client keys (`g2a-…`) never qualify.
 */
export function isAdminRequest(request: IncomingMessage, adminPassword: string): boolean {
  const presented = readPresentedPassword(request);
  if (presented === undefined || presented.startsWith(KEY_PREFIX)) return false;
  const expected = hash('sha256', adminPassword, 'buffer');
  return timingSafeEqual(hash('sha256', presented, 'buffer'), expected);
}

/** The 401 or 403 for a request that is not the admin's (undefined when it is). */
export function adminDenial(
  request: IncomingMessage,
  adminPassword: string,
): GatewayError | undefined {
  if (isAdminRequest(request, adminPassword)) return undefined;
  const presented = readPresentedPassword(request);
  if (presented?.startsWith(KEY_PREFIX))
    return new GatewayError({
      code: 'FORBIDDEN',
      status: 403,
      message:
        'Client API keys cannot use the admin API; send the admin password (GEMINI_AUTH_PASSWORD).',
    });
  return new GatewayError({
    code: 'UNAUTHORIZED',
    status: 401,
    message:
      presented === undefined
        ? 'The admin API needs the admin password: send "Authorization: Bearer <GEMINI_AUTH_PASSWORD>".'
        : 'Incorrect admin password. Use the value of GEMINI_AUTH_PASSWORD.',
  });
}

/**
 * Express middleware keeping operator pages (`/status`, `/metrics`) from client keys: they
 * show accounts and every key's traffic. Runs after the password check.
 */
export function operatorOnly(paths: readonly string[]): RequestHandler {
  return function refuseClientKeys(request, response, next) {
    if (!paths.includes(request.path)) return next();
    const principal = contextOf(response as unknown as GatewayResponse)?.principal;
    if (principal?.id)
      return next(
        new GatewayError({
          code: 'FORBIDDEN',
          status: 403,
          message: `${request.path} is for the gateway's operator: send the admin password, not a client key.`,
        }),
      );
    next();
  };
}
