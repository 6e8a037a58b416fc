import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { GatewayResponse } from '../http/gateway-response';

const VALID_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Gives a request its id: the client's `X-Request-Id` when it is a sane token, else a new UUID.
 * Echoed in the response header and stored in `locals.requestId` for logs.
 */
export function assignRequestId(request: IncomingMessage, response: GatewayResponse): string {
  const inbound = request.headers['x-request-id'];
  const id = typeof inbound === 'string' && VALID_ID.test(inbound) ? inbound : randomUUID();
  response.locals['requestId'] = id;
  response.setHeader('x-request-id', id);
  return id;
}
