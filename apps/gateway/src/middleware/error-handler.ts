import { createOpenAIErrorBody, type OpenAIErrorBody } from '@geminicli2api/protocol-openai';
import { OAuthStoreError } from '@geminicli2api/oauth-store';
import { mapGeminiErrorToOpenAIError, TranslationError } from '@geminicli2api/translator';
import type { ErrorRequestHandler, Request, Response } from 'express';
import type { Logger } from 'winston';
import { GatewayError, retryAfterSecondsOf } from '../gateway-error';
import { sendJson, type GatewayResponse } from '../http/gateway-response';
import { requestState } from '../http/request-state';
import { bodyProblem } from './body-problem';
import { isSseResponse, writeSseData } from '../routes/write-sse';

/** A client-facing error in the OpenAI shape, with status and extra headers. */
export interface OpenAIErrorResponse {
  status: number;
  body: OpenAIErrorBody;
  headers: Record<string, string>;
}

const TYPE_BY_STATUS: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'invalid_request_error',
  409: 'invalid_request_error',
  413: 'invalid_request_error',
  429: 'rate_limit_error',
};

/**
 * Maps any error to an OpenAI error response. Unknown errors become a generic 500 without
 * internals; known ones keep their status, message and `param`.
 */
export function toOpenAIErrorResponse(error: unknown): OpenAIErrorResponse {
  const mapped = mapToOpenAI(error);
  return GatewayError.isInstance(error) ? withRetryAfter(mapped, error) : mapped;
}

/**
 * Adds `Retry-After` (seconds) from a GatewayError's `retryAfterSeconds` unless Google's own
 * `RetryInfo` already set it; any surface's error mapper can use it.
 */
export function withRetryAfter<T extends { headers: Record<string, string> }>(
  mapped: T,
  error: GatewayError,
): T {
  const seconds = retryAfterSecondsOf(error);
  if (seconds === undefined || mapped.headers['retry-after'] !== undefined) return mapped;
  return { ...mapped, headers: { ...mapped.headers, 'retry-after': String(seconds) } };
}

function mapToOpenAI(error: unknown): OpenAIErrorResponse {
  if (GatewayError.isInstance(error)) {
    if (error.upstream) {
      const mapped = mapGeminiErrorToOpenAIError(error.upstream);
      if (mapped.status === 401) {
        // A 401 to the client only ever means its own password: this is the gateway's credentials.
        const message = `Google rejected the gateway's credentials: ${error.upstream.message}`;
        return plain(503, message, null, 'upstream_credentials_rejected');
      }
      if (error.param) mapped.body.error.param = error.param; // recovered from the request's index maps (E75)
      return mapped;
    }
    const mapped = plain(error.status, error.message, error.param, codeFor(error));
    if (error.headers) mapped.headers = error.headers;
    return mapped;
  }
  if (TranslationError.isInstance(error)) {
    return plain(
      400,
      error.message,
      error.param,
      error.code === 'UNSUPPORTED_FEATURE' ? 'unsupported_feature' : 'invalid_value',
    );
  }
  if (OAuthStoreError.isInstance(error)) {
    return plain(503, error.message, null, 'credentials_unavailable');
  }
  const problem = bodyProblem(error);
  switch (problem?.kind) {
    case 'invalid-json':
      return plain(400, 'The request body is not valid JSON.', null, 'invalid_json');
    case 'too-large':
      return plain(
        413,
        'The request body is larger than REQUEST_BODY_LIMIT allows.',
        null,
        'request_too_large',
      );
    case 'unsupported':
      return plain(415, problem.message, null, 'unsupported_media_type');
    case 'unreadable':
      return plain(problem.status, problem.message ?? 'The request could not be read.', null, null);
  }
  return plain(
    500,
    'The gateway failed unexpectedly; see its logs for the request id.',
    null,
    null,
  );
}

function codeFor(error: GatewayError): string | null {
  switch (error.code) {
    case 'UNAUTHORIZED':
      return 'invalid_api_key';
    case 'NO_CREDENTIALS':
    case 'ACCOUNT_UNAVAILABLE':
      return 'credentials_unavailable';
    case 'NOT_FOUND':
      return error.param === 'model' ? 'model_not_found' : 'not_found';
    case 'INVALID_REQUEST':
      return 'invalid_value';
    case 'UPSTREAM_UNAUTHENTICATED':
      return 'upstream_credentials_rejected';
    case 'UPSTREAM_BAD_ANSWER':
      return 'bad_upstream_answer';
    case 'RATE_LIMITED':
      return 'rate_limit_exceeded';
    case 'FORBIDDEN':
      return error.param === 'model' ? 'model_not_allowed' : 'forbidden';
    case 'STORAGE_UNAVAILABLE':
      return 'storage_unavailable';
    default:
      return null;
  }
}

function plain(
  status: number,
  message: string,
  param: string | null,
  code: string | null,
): OpenAIErrorResponse {
  const type = TYPE_BY_STATUS[status] ?? (status >= 500 ? 'server_error' : 'invalid_request_error');
  return { status, body: createOpenAIErrorBody({ message, type, param, code }), headers: {} };
}

/** An error mapped for one protocol: status, body and extra headers. */
export interface ProtocolErrorResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

/** Options of {@link createErrorHandler}. */
export interface ErrorHandlerOptions {
  /** Maps an error to the protocol's error response (default: the OpenAI shape). */
  map?: (error: unknown) => ProtocolErrorResponse;
  /** Handles only requests this returns true for, passing the rest on (default: all). */
  applies?: (request: Request, response: Response) => boolean;
}

/**
 * Answers a failed request in the protocol's error shape after logging the failure (never its
 * cause chain): in-band as an SSE event when a stream already started, nothing at all when the
 * client already left.
 */
export function respondWithError(
  error: unknown,
  {
    response,
    path,
    logger,
    map,
  }: {
    response: GatewayResponse;
    path: string;
    logger: Logger;
    map: (error: unknown) => ProtocolErrorResponse;
  },
): void {
  const { requestId } = requestState(response);
  if (response.destroyed || (response.headersSent && response.writableEnded)) {
    // The client left (its abort propagated here) or the answer is complete: nothing to send.
    logger.info('request ended early', { requestId, route: path });
    return;
  }
  const mapped = map(error);
  const log = mapped.status >= 500 ? logger.error.bind(logger) : logger.warn.bind(logger);
  log('request failed', {
    requestId,
    route: path,
    status: mapped.status,
    error: errorSummary(error),
  });
  if (response.headersSent) {
    // An event stream already started (e.g. keepalives went out): report in-band, then end.
    if (isSseResponse(response)) writeSseData(response, mapped.body);
    response.end();
    return;
  }
  sendJson(response, mapped.status, mapped.body, mapped.headers);
}

/** An express error handler around {@link respondWithError}. */
export function createErrorHandler(
  logger: Logger,
  { map = toOpenAIErrorResponse, applies }: ErrorHandlerOptions = {},
): ErrorRequestHandler {
  return function errorHandler(error, request, response, next) {
    if (applies && !applies(request, response)) {
      next(error);
      return;
    }
    respondWithError(error, { response, path: request.path, logger, map });
  };
}

/** Name, code and message only: never a cause chain (it may hold request configs with tokens). */
export function errorSummary(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const code = (error as { code?: unknown }).code;
  return { name: error.name, message: error.message, ...(code !== undefined ? { code } : {}) };
}
