import { hash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
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
