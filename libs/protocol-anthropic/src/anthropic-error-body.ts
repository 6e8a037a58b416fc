import { z } from 'zod';

/**
 * Anthropic's error types and the HTTP status each comes with.
 * https://docs.anthropic.com/en/api/errors
 */
export const ANTHROPIC_ERROR_STATUS = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
} as const;

export type AnthropicErrorType = keyof typeof ANTHROPIC_ERROR_STATUS;

const ERROR_TYPES = Object.keys(ANTHROPIC_ERROR_STATUS) as [
  AnthropicErrorType,
  ...AnthropicErrorType[],
];

/** `{"type":"error","error":{"type":…,"message":…}}`: the body of every error, and the stream's `error` event. */
export const anthropicErrorBodySchema = z.object({
  type: z.literal('error'),
  error: z.object({ type: z.enum(ERROR_TYPES), message: z.string() }),
});

export type AnthropicErrorBody = z.infer<typeof anthropicErrorBodySchema>;

/** Builds an error body. */
export function createAnthropicErrorBody(
  type: AnthropicErrorType,
  message: string,
): AnthropicErrorBody {
  return { type: 'error', error: { type, message } };
}

/** The error type Anthropic uses for an HTTP status (5xx other than 504/529 → `api_error`). */
export function anthropicErrorTypeForStatus(status: number): AnthropicErrorType {
  const exact = ERROR_TYPES.find((type) => ANTHROPIC_ERROR_STATUS[type] === status);
  if (exact) return exact;
  return status >= 500 ? 'api_error' : 'invalid_request_error';
}
