import {
  anthropicErrorTypeForStatus,
  createAnthropicErrorBody,
  type AnthropicErrorType,
} from '@geminicli2api/protocol-anthropic';
import type { ErrorRequestHandler, Request, Response } from 'express';
import type { Logger } from 'winston';
import { GatewayError } from '../../gateway-error';
import { requestState } from '../../http/request-state';
import { bodyProblem } from '../../middleware/body-problem';
import {
  createErrorHandler,
  toOpenAIErrorResponse,
  type ProtocolErrorResponse,
} from '../../middleware/error-handler';

/** The Anthropic surface's paths. */
export const MESSAGES_PATH = '/v1/messages';
export const COUNT_TOKENS_PATH = '/v1/messages/count_tokens';

const CAPACITY_REASONS = new Set(['MODEL_CAPACITY_EXHAUSTED', 'MODEL_CAPACITY_EXCEEDED']);

/**
 * Any error in Anthropic's shape `{"type":"error","error":{"type","message"}}`. Statuses and
 * messages come from the gateway's one mapping (the OpenAI surface's, which also sets
 * `retry-after`), relabelled with Anthropic's error types; Google's 503 and model-capacity
 * errors become `529 overloaded_error`, which Anthropic clients back off and retry on.
 */
export function toAnthropicErrorResponse(error: unknown): ProtocolErrorResponse {
  const mapped = toOpenAIErrorResponse(error);
  let status = mapped.status;
  let type: AnthropicErrorType | undefined;
  const upstream = GatewayError.isInstance(error) ? error.upstream : undefined;
  if (upstream?.code === 401) {
    // Google rejected the gateway's own credentials: not the client's key (Claude Code would
    // tell its user to log in again), so a 503 as on the Gemini surface.
    return {
      status: 503,
      body: createAnthropicErrorBody(
        'api_error',
        `Google rejected the gateway's credentials: ${upstream.message}`,
      ),
      headers: {},
    };
  }
  if (
    upstream &&
    (upstream.code === 503 || (upstream.reason && CAPACITY_REASONS.has(upstream.reason)))
  ) {
    status = 529;
    type = 'overloaded_error';
  }
  if (bodyProblem(error)?.kind === 'too-large') type = 'request_too_large';
  type ??= anthropicErrorTypeForStatus(status);
  return {
    status,
    body: createAnthropicErrorBody(type, mapped.body.error.message),
    headers: mapped.headers,
  };
}

/** True for requests on the Anthropic surface (its paths, or a route that marked itself). */
export function isAnthropicSurface(request: Request, response: Response): boolean {
  return (
    requestState(response).surface === 'anthropic' ||
    request.path === MESSAGES_PATH ||
    request.path === COUNT_TOKENS_PATH
  );
}

/** Error handler for the Anthropic surface (mount before the generic one). */
export function createAnthropicErrorHandler(logger: Logger): ErrorRequestHandler {
  return createErrorHandler(logger, { map: toAnthropicErrorResponse, applies: isAnthropicSurface });
}
