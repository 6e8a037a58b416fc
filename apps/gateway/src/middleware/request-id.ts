import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { GatewayResponse } from '../http/gateway-response';
import { startRequestState } from '../http/request-state';

const VALID_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Gives a request its id: the client's `X-Request-Id` when it is a sane token, else a new UUID.
 * Echoed in the response header; the request's typed state (`requestState`) is made here with it.
 */
export function assignRequestId(request: IncomingMessage, response: GatewayResponse): string {
  const inbound = request.headers['x-request-id'];
  const id = typeof inbound === 'string' && VALID_ID.test(inbound) ? inbound : randomUUID();
  startRequestState(response, id);
  response.setHeader('x-request-id', id);
  return id;
}
