import { formatZodIssues } from '@geminicli2api/protocol-openai';
import type { z } from 'zod';
import { GatewayError } from './gateway-error';

/**
 * The 400 for a request body its schema rejected, naming the first offending path (as `param`
 * and in the message) and never the rejected value.
 */
export function invalidRequestError(error: z.ZodError): GatewayError {
  const [first] = formatZodIssues(error.issues);
  return new GatewayError({
    code: 'INVALID_REQUEST',
    status: 400,
    param: first?.path || null,
    message: first
      ? `Invalid request: ${first.path || 'body'}: ${first.message}`
      : 'Invalid request body.',
  });
}

/**
 * The body as a JSON object, or the 400 that tells the client how to send one. A body sent
 * without a JSON content type (`curl -d` sends form encoding) is never parsed and arrives here as
 * `undefined`: the answer says so instead of reporting a missing object.
 */
export function requireJsonObject(body: unknown): Record<string, unknown> {
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    return body as Record<string, unknown>;
  }
  throw new GatewayError({
    code: 'INVALID_REQUEST',
    status: 400,
    message:
      body === undefined
        ? 'Invalid request: no JSON body. Send a JSON object with Content-Type: application/json.'
        : 'Invalid request: the body must be a JSON object.',
  });
}
