import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * A response as the gateway's handlers use it: Node's own `ServerResponse` (express's `Response`
 * is one too), so every handler runs unchanged on both paths. What the gateway knows about the
 * request travels in its typed state (`requestState`, `request-state.ts`).
 */
export type GatewayResponse = ServerResponse;

/** Sends `value` as the whole JSON body (what express's `res.json` does, without ETag work). */
export function sendJson(
  response: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): void {
  const body = JSON.stringify(value);
  response.statusCode = status;
  for (const [name, header] of Object.entries(headers)) response.setHeader(name, header);
  response.setHeader('content-type', 'application/json; charset=utf-8');
  response.setHeader('content-length', Buffer.byteLength(body));
  response.end(body);
}

/** The path of a request URL, without its query. */
export function pathOf(request: IncomingMessage): string {
  const url = request.url ?? '/';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/** The first of `names` present in the request URL's query (its first value), or undefined. */
export function queryParam(request: IncomingMessage, ...names: string[]): string | undefined {
  const url = request.url ?? '';
  const query = url.indexOf('?');
  if (query === -1) return undefined;
  const params = new URLSearchParams(url.slice(query + 1));
  for (const name of names) {
    const value = params.get(name);
    if (value !== null) return value;
  }
  return undefined;
}
