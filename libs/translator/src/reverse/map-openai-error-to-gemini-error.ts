import { mapHttpStatusToGoogleStatus, type GoogleErrorBody } from '@geminicli2api/protocol-gemini';
import type { OpenAIError } from '@geminicli2api/protocol-openai';

const STATUS_BY_HTTP: Record<number, number> = { 422: 400, 502: 503 };
const HTTP_BY_TYPE: Record<string, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  permission_error: 403,
  not_found_error: 404,
  rate_limit_error: 429,
  insufficient_quota: 429,
  server_error: 500,
};

/**
 * Maps an OpenAI error (a response body's `error`, or an error chunk in a stream) to Google's
 * error body (translation.md §7.2). The HTTP status decides when known; otherwise it is inferred
 * from the OpenAI `type` (unknown types → 500). `retry-after` seconds, when given, become a
 * `RetryInfo` detail.
 */
export function mapOpenAIErrorToGeminiError(
  error: Partial<OpenAIError> | null | undefined,
  httpStatus?: number,
  retryAfterSeconds?: number,
): { status: number; body: GoogleErrorBody } {
  const given = httpStatus ?? HTTP_BY_TYPE[error?.type ?? ''] ?? 500;
  const code = STATUS_BY_HTTP[given] ?? given;
  const status = mapHttpStatusToGoogleStatus(code);
  const body: GoogleErrorBody = {
    error: { code, message: error?.message ?? 'The upstream reported an error.', status },
  };
  if (retryAfterSeconds !== undefined && code === 429) {
    body.error.details = [
      { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${retryAfterSeconds}s` },
    ];
  }
  return { status: code, body };
}
