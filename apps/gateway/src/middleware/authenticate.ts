import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { GatewayError } from '../gateway-error';

/**
 * Reads the password a client presented, in any of the accepted forms: `Authorization: Bearer`,
 * `Authorization: Basic` (any user name), `x-goog-api-key`, or the `key` query parameter.
 */
export function readPresentedPassword(request: Request): string | undefined {
  const header = request.get('authorization');
  if (header) {
    const [scheme, value = ''] = header.trim().split(/\s+/, 2);
    if (scheme?.toLowerCase() === 'bearer') return value;
    if (scheme?.toLowerCase() === 'basic') {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      return colon >= 0 ? decoded.slice(colon + 1) : decoded;
    }
  }
  const apiKey = request.get('x-goog-api-key');
  if (apiKey) return apiKey;
  const key = request.query['key'];
  return typeof key === 'string' ? key : undefined;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Rejects requests that do not present the gateway password (constant-time comparison). */
export function authenticate({ password }: { password: string }): RequestHandler {
  const expected = digest(password);
  return function authenticateMiddleware(request, _response, next) {
    const presented = readPresentedPassword(request);
    if (presented !== undefined && timingSafeEqual(digest(presented), expected)) {
      next();
      return;
    }
    next(
      new GatewayError({
        code: 'UNAUTHORIZED',
        status: 401,
        message:
          presented === undefined
            ? 'Missing password. Send it as "Authorization: Bearer <GEMINI_AUTH_PASSWORD>", Basic auth, the x-goog-api-key header or ?key=.'
            : 'Incorrect password. Use the value of GEMINI_AUTH_PASSWORD (printed at start when it was generated).',
      }),
    );
  };
}
