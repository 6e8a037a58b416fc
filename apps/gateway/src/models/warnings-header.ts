import type { GatewayResponse } from '../http/gateway-response';

/** The header listing request fields the gateway changed or dropped, comma-separated. */
export const WARNINGS_HEADER = 'x-geminicli2api-warnings';

/** Adds fields to `x-geminicli2api-warnings`, keeping those already there. */
export function addWarnings(response: GatewayResponse, fields: readonly string[]): void {
  if (fields.length === 0) return;
  const existing = response.getHeader(WARNINGS_HEADER);
  const list = typeof existing === 'string' && existing !== '' ? existing.split(',') : [];
  for (const field of fields) if (!list.includes(field)) list.push(field);
  response.setHeader(WARNINGS_HEADER, list.join(','));
}
