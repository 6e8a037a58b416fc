import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';

const VALID_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Gives every request an id: the client's `X-Request-Id` when it is a sane token, else a new
 * UUID. Echoed in the response header and stored in `res.locals.requestId` for logs.
 */
export function requestId(): RequestHandler {
  return function requestIdMiddleware(request, response, next) {
    const inbound = request.get('x-request-id');
    const id = inbound && VALID_ID.test(inbound) ? inbound : randomUUID();
    response.locals['requestId'] = id;
    response.set('x-request-id', id);
    next();
  };
}
