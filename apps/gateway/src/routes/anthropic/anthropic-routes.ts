import { Router } from 'express';
import { COUNT_TOKENS_PATH, MESSAGES_PATH } from './anthropic-error-response';
import type { AnthropicHandlers } from './messages-handler';

/**
 * `POST /v1/messages` (streamed or not; `?beta=true` as Claude Code sends it is fine, the query
 * is not part of the path) and `POST /v1/messages/count_tokens` as an express router.
 */
export function anthropicRoutes(handlers: AnthropicHandlers): Router {
  const router = Router();
  router.post(MESSAGES_PATH, (request, response) => handlers.messages(request.body, response));
  router.post(COUNT_TOKENS_PATH, (request, response) =>
    handlers.countTokens(request.body, response),
  );
  return router;
}

/** The hot-path table: path → handler. */
export function anthropicHotHandlers(handlers: AnthropicHandlers) {
  return new Map([
    [MESSAGES_PATH, handlers.messages],
    [COUNT_TOKENS_PATH, handlers.countTokens],
  ]);
}
