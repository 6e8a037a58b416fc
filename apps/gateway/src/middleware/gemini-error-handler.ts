import {
  isGeminiApiPath,
  mapHttpStatusToGoogleStatus,
  type GoogleErrorDetail,
} from '@geminicli2api/protocol-gemini';
import { OAuthStoreError } from '@geminicli2api/oauth-store';
import { TranslationError } from '@geminicli2api/translator';
import type { ErrorRequestHandler, Request, Response } from 'express';
import type { Logger } from 'winston';
import { GatewayError } from '../gateway-error';
import { requestState } from '../http/request-state';
import { bodyProblem } from './body-problem';
import { createErrorHandler, withRetryAfter } from './error-handler';

/** Google's error body: `{error: {code, message, status, details}}`. */
export interface GeminiErrorBody {
  error: { code: number; message: string; status: string; details: GoogleErrorDetail[] };
}

/** A client-facing error in Google's shape, with status and extra headers. */
export interface GeminiErrorResponse {
  status: number;
  body: GeminiErrorBody;
  headers: Record<string, string>;
}

const ERROR_INFO = 'type.googleapis.com/google.rpc.ErrorInfo';
const DOMAIN = 'geminicli2api';

/**
 * Maps any error to Google's error shape. Upstream Google errors keep their status, message and
 * details (a 401 from Google is the gateway's credentials failing, so it becomes a 503);
 * unknown errors are a generic 500 without internals.
 */
export function toGeminiErrorResponse(error: unknown): GeminiErrorResponse {
  const mapped = mapToGemini(error);
  return GatewayError.isInstance(error) ? withRetryAfter(mapped, error) : mapped;
}

function mapToGemini(error: unknown): GeminiErrorResponse {
  if (GatewayError.isInstance(error)) {
    const upstream = error.upstream;
    if (upstream) {
      const headers: Record<string, string> = {};
      if (upstream.retryDelayMs !== undefined)
        headers['retry-after'] = String(Math.max(0, Math.ceil(upstream.retryDelayMs / 1000)));
      if (upstream.code === 401 || error.status === 401) {
        return build(503, `Google rejected the gateway's credentials: ${upstream.message}`, [
          info('UPSTREAM_UNAUTHENTICATED'),
        ]);
      }
      const status = error.status >= 400 ? error.status : upstream.code;
      return { ...build(status, upstream.message, upstream.details, upstream.status), headers };
    }
    const built = build(error.status, error.message, detailsFor(error));
    if (error.headers) built.headers = error.headers;
    return built;
  }
  if (TranslationError.isInstance(error))
    return build(400, error.message, [info('INVALID_ARGUMENT')]);
  if (OAuthStoreError.isInstance(error))
    return build(503, error.message, [info('CREDENTIALS_UNAVAILABLE')]);
  const problem = bodyProblem(error);
  switch (problem?.kind) {
    case 'invalid-json':
      return build(400, 'Invalid JSON payload received. The request body is not valid JSON.', [
        info('INVALID_JSON'),
      ]);
    case 'too-large':
      return build(
        413,
        'Request payload size exceeds the limit (REQUEST_BODY_LIMIT).',
        [info('REQUEST_TOO_LARGE')],
        'INVALID_ARGUMENT',
      );
    case 'unsupported':
      return build(415, problem.message, [info('UNSUPPORTED_MEDIA_TYPE')], 'INVALID_ARGUMENT');
    case 'unreadable':
      return build(problem.status, problem.message ?? 'The request could not be read.', []);
  }
  return build(500, 'The gateway failed unexpectedly; see its logs for the request id.', []);
}

function detailsFor(error: GatewayError): GoogleErrorDetail[] {
  if (error.code === 'INVALID_REQUEST' && error.param) {
    return [
      {
        '@type': 'type.googleapis.com/google.rpc.BadRequest',
        fieldViolations: [{ field: error.param, description: error.message }],
      } as GoogleErrorDetail,
    ];
  }
  const reason =
    error.code === 'UNAUTHORIZED'
      ? 'API_KEY_INVALID'
      : error.code === 'NOT_FOUND' && error.param === 'model'
        ? 'MODEL_NOT_FOUND'
        : error.code;
  return [info(reason)];
}

function info(reason: string): GoogleErrorDetail {
  return { '@type': ERROR_INFO, reason, domain: DOMAIN };
}

function build(
  code: number,
  message: string,
  details: GoogleErrorDetail[],
  status?: string,
): GeminiErrorResponse {
  return {
    status: code,
    body: {
      error: { code, message, status: status ?? mapHttpStatusToGoogleStatus(code), details },
    },
    headers: {},
  };
}

/**
 * True for requests on the native Gemini surface: `/v1beta/…`, `/v1alpha/…`, `/v1/models/{m}:method`,
 * or any route that marked itself (`requestState(response).surface = 'gemini'`).
 */
export function isGeminiSurface(request: Request, response: Response): boolean {
  return requestState(response).surface === 'gemini' || isGeminiApiPath(request.path);
}

/**
 * Error handler for the native Gemini surface (mount before the generic one): answers in
 * Google's shape there and passes every other error on.
 */
export function createGeminiErrorHandler(logger: Logger): ErrorRequestHandler {
  return createErrorHandler(logger, { map: toGeminiErrorResponse, applies: isGeminiSurface });
}
