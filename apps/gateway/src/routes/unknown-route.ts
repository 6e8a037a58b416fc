import type { RequestHandler } from 'express';
import { GatewayError } from '../gateway-error';
const SERVED =
  'This gateway serves POST /v1/chat/completions, POST /v1/responses and GET /v1/models (OpenAI), ' +
  'POST /v1/messages and /v1/messages/count_tokens (Anthropic), and ' +
  'POST /v1beta/models/{model}:generateContent, :streamGenerateContent and :countTokens (Gemini).';

/**
 * The 404 message for a route the gateway does not serve. A client whose base URL lacks `/v1`
 * calls `/chat/completions`, `/responses` or `/models`: it is told so, as is an Anthropic client
 * whose base URL ends in `/v1` (it calls `/v1/v1/messages`). Anything else
 * (`/v1/embeddings`, …) hears what is served instead.
 */
export function unknownRouteMessage(method: string, path: string): string {
  const unknown = `Unknown route ${method} ${path}.`;
  const trimmed = path.replace(/\/+$/, '');
  if (/^\/(?:chat\/completions|responses|models)(?:\/|$)/.test(trimmed)) {
    return `${unknown} Did you mean /v1${trimmed}? Set the client's base URL to end in /v1.`;
  }
  if (/^\/v1\/v1\/messages(?:\/count_tokens)?$/.test(trimmed)) {
    return `${unknown} Did you mean ${trimmed.slice(3)}? Anthropic clients (Claude Code's ANTHROPIC_BASE_URL) take the gateway's URL without /v1.`;
  }
  return `${unknown} ${SERVED}`;
}

/** The last route: a 404 naming what the gateway serves instead (see {@link unknownRouteMessage}). */
export const unknownRoute: RequestHandler = (request, _response, next) => {
  next(
    new GatewayError({
      code: 'NOT_FOUND',
      status: 404,
      message: unknownRouteMessage(request.method, request.path),
    }),
  );
};
