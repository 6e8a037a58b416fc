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
