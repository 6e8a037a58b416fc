import type { GoogleError } from '@geminicli2api/protocol-gemini';
import { createOpenAIErrorBody, type OpenAIErrorBody } from '@geminicli2api/protocol-openai';
import { recoverOpenAIParam, type ParamMaps } from './recover-openai-param';

/** An OpenAI-shaped error ready to send: status, body and headers such as Retry-After. */
export interface MappedOpenAIError {
  status: number;
  body: OpenAIErrorBody;
  headers: Record<string, string>;
}

interface Mapping {
  status: number;
  type: string;
  code: string | null;
}

const BY_STATUS: Record<string, Mapping> = {
  INVALID_ARGUMENT: { status: 400, type: 'invalid_request_error', code: null },
  FAILED_PRECONDITION: { status: 400, type: 'invalid_request_error', code: null },
  OUT_OF_RANGE: { status: 400, type: 'invalid_request_error', code: null },
  UNAUTHENTICATED: { status: 401, type: 'authentication_error', code: 'invalid_api_key' },
  PERMISSION_DENIED: { status: 403, type: 'permission_error', code: null },
  NOT_FOUND: { status: 404, type: 'invalid_request_error', code: 'model_not_found' },
  ABORTED: { status: 409, type: 'invalid_request_error', code: null },
  ALREADY_EXISTS: { status: 409, type: 'invalid_request_error', code: null },
  RESOURCE_EXHAUSTED: { status: 429, type: 'rate_limit_error', code: 'rate_limit_exceeded' },
  INTERNAL: { status: 500, type: 'server_error', code: null },
  UNIMPLEMENTED: { status: 400, type: 'invalid_request_error', code: null },
  UNAVAILABLE: { status: 503, type: 'server_error', code: 'service_unavailable' },
  DEADLINE_EXCEEDED: { status: 504, type: 'server_error', code: 'timeout' },
};

const TERMINAL_QUOTA_REASONS = new Set(['QUOTA_EXHAUSTED', 'INSUFFICIENT_G1_CREDITS_BALANCE']);
const CAPACITY_REASONS = new Set(['MODEL_CAPACITY_EXHAUSTED', 'MODEL_CAPACITY_EXCEEDED']);
const CONTEXT_TOO_LONG = /input token count.*exceeds the maximum/i;

/**
 * Maps a Google error to the OpenAI error a client expects: HTTP status (what the official SDKs
 * switch on), `type`, a string `code`, and `Retry-After` / `retry-after-ms` from `RetryInfo`.
 * Google's message is kept; it never contains credentials. With `maps` (from the request
 * translation) a 400 also gets the OpenAI `param` its message points at (E75).
 */
export function mapGeminiErrorToOpenAIError(
  error: GoogleError,
  maps?: ParamMaps,
): MappedOpenAIError {
  const mapping = BY_STATUS[error.status] ?? fromHttpStatus(error.code);
  let { type, code } = mapping;
  if (error.status === 'RESOURCE_EXHAUSTED') {
    if (isTerminalQuota(error)) {
      type = 'insufficient_quota';
      code = 'insufficient_quota';
    } else if (error.reason && CAPACITY_REASONS.has(error.reason)) {
      code = 'model_capacity_exhausted';
    }
  }
  if (mapping.status === 400 && CONTEXT_TOO_LONG.test(error.message))
    code = 'context_length_exceeded';
  const headers: Record<string, string> = {};
  if (error.retryDelayMs !== undefined) {
    headers['retry-after'] = String(Math.max(0, Math.ceil(error.retryDelayMs / 1000)));
    headers['retry-after-ms'] = String(Math.max(0, Math.round(error.retryDelayMs)));
  }
  return {
    status: mapping.status,
    body: createOpenAIErrorBody({
      message: error.message,
      type,
      code,
      param: maps && mapping.status === 400 ? recoverOpenAIParam(error.message, maps) : null,
    }),
    headers,
  };
}

function isTerminalQuota(error: GoogleError): boolean {
  if (error.reason && TERMINAL_QUOTA_REASONS.has(error.reason)) return true;
  return error.details.some((detail) =>
    (detail.violations ?? []).some((violation) => /PerDay|Daily/.test(violation.quotaId ?? '')),
  );
}

function fromHttpStatus(status: number): Mapping {
  if (status === 429) return { status, type: 'rate_limit_error', code: 'rate_limit_exceeded' };
  if (status >= 500)
    return { status: status === 501 ? 400 : status, type: 'server_error', code: null };
  if (status === 401) return { status, type: 'authentication_error', code: 'invalid_api_key' };
  if (status === 403) return { status, type: 'permission_error', code: null };
  return { status: status >= 400 ? status : 500, type: 'invalid_request_error', code: null };
}
