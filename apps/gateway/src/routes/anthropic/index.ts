export {
  COUNT_TOKENS_PATH,
  MESSAGES_PATH,
  createAnthropicErrorHandler,
  isAnthropicSurface,
  toAnthropicErrorResponse,
} from './anthropic-error-response';
export { anthropicHotHandlers, anthropicRoutes } from './anthropic-routes';
export { createAnthropicHandlers } from './messages-handler';
export type {
  AnthropicHandler,
  AnthropicHandlers,
  AnthropicRouteOptions,
} from './messages-handler';
