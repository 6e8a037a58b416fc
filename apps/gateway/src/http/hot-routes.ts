import type { IncomingMessage } from 'node:http';
import getRawBody from 'raw-body';
import type { Logger } from 'winston';
import type { GatewayError } from '../gateway-error';
import {
  errorSummary,
  respondWithError,
  toOpenAIErrorResponse,
  type ProtocolErrorResponse,
} from '../middleware/error-handler';
import { toGeminiErrorResponse } from '../middleware/gemini-error-handler';
import { CHAT_COMPLETIONS_PATH, type ChatCompletionsHandler } from '../routes/chat-completions';
import { matchGeminiTarget, streamFormat, type GeminiMethodHandler } from '../routes/gemini-routes';
import type { ResponsesHandler } from '../routes/responses/create-responses-handler';
import { RESPONSES_PATH } from '../routes/responses/responses-routes';
import { pathOf, type GatewayResponse } from './gateway-response';
import { requestState } from './request-state';
import { assertJsonDepth, DEFAULT_MAX_JSON_DEPTH } from './json-depth';

/** What the hot routes need: the same check and handlers the express routes use. */
export interface HotRoutesOptions {
  checkPassword: (request: IncomingMessage, response?: GatewayResponse) => GatewayError | undefined;
  handleChat: ChatCompletionsHandler;
  handleGeminiMethod: GeminiMethodHandler;
  /** Other surfaces' model calls by exact path (Anthropic's `/v1/messages`…), with their error shape. */
  anthropic?: {
    handlers: ReadonlyMap<string, (body: unknown, response: GatewayResponse) => Promise<void>>;
    map: (error: unknown) => ProtocolErrorResponse;
  };
  /** `POST /v1/responses` (the OpenAI Responses API). */
  handleResponses?: ResponsesHandler;
  /** REQUEST_BODY_LIMIT (`50mb`, `512kb`, a number of bytes). */
  bodyLimit: string;
  /** REQUEST_MAX_JSON_DEPTH: deeper bodies get 400 before they are parsed (default 128). */
  maxJsonDepth?: number;
  logger: Logger;
}

/** Answers a request it recognises and returns true; returns false (untouched) otherwise. */
export type HotRoutes = (request: IncomingMessage, response: GatewayResponse) => boolean;

/**
 * The model calls — `POST /v1/chat/completions` and `POST …/models/{m}:{method}` — served without
 * express's router, body parser and response helpers, which cost about as much CPU per request
 * as everything else the gateway does (see docs/performance.md). They run the very handlers the
 * express routes run, after the same password check, with a JSON body read under the same limit;
 * errors answer in the same shapes. Anything unusual (another content type or charset, a
 * compressed body) is left to express.
 */
export function createHotRoutes({
  checkPassword,
  handleChat,
  handleGeminiMethod,
  anthropic,
  handleResponses,
  bodyLimit,
  maxJsonDepth = DEFAULT_MAX_JSON_DEPTH,
  logger,
}: HotRoutesOptions): HotRoutes {
  return function serveHotRoute(request, response) {
    if (request.method !== 'POST' || !isPlainJson(request)) return false;
    const path = pathOf(request);
    if (path === CHAT_COMPLETIONS_PATH) {
      requestState(response).routeLabel = CHAT_COMPLETIONS_PATH;
      void serve(request, response, path, toOpenAIErrorResponse, (body) =>
        handleChat(body, response),
      );
      return true;
    }
    const anthropicHandler = anthropic?.handlers.get(path);
    if (anthropic && anthropicHandler) {
      const state = requestState(response);
      state.routeLabel = path;
      state.surface = 'anthropic';
      void serve(request, response, path, anthropic.map, (body) =>
        anthropicHandler(body, response),
      );
      return true;
    }
    if (path === RESPONSES_PATH && handleResponses) {
      requestState(response).routeLabel = RESPONSES_PATH;
      void serve(request, response, path, toOpenAIErrorResponse, (body) =>
        handleResponses(body, response),
      );
      return true;
    }
    const target = matchGeminiTarget(request);
    const { model, method } = target ?? {};
    if (model === undefined || method === undefined) return false;
    requestState(response).surface = 'gemini';
    void serve(request, response, path, toGeminiErrorResponse, (body) =>
      handleGeminiMethod({
        method,
        model,
        path,
        body,
        alt: streamFormat(request),
        response,
      }),
    );
    return true;
  };

  async function serve(
    request: IncomingMessage,
    response: GatewayResponse,
    path: string,
    map: (error: unknown) => ProtocolErrorResponse,
    handle: (body: unknown) => Promise<void>,
  ): Promise<void> {
    try {
      const denied = checkPassword(request, response);
      if (denied) throw denied;
      await handle(await readJsonBody(request, bodyLimit, maxJsonDepth));
    } catch (error) {
      try {
        respondWithError(error, { response, path, logger, map });
      } catch (failure) {
        // Answering failed too (what express's final handler would catch): never crash the process.
        logger.error('could not answer a failed request', {
          requestId: requestState(response).requestId,
          route: path,
          error: errorSummary(failure),
        });
        response.destroy();
      }
    }
  }
}

/** `application/json` in UTF-8 (or without a charset), not compressed: what the hot path reads. */
function isPlainJson(request: IncomingMessage): boolean {
  const encoding = request.headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return false;
  const type = request.headers['content-type']?.toLowerCase().replace(/\s+/g, '');
  return type === 'application/json' || type === 'application/json;charset=utf-8';
}

/** An unreadable body, shaped like express's body-parser errors so both paths map it alike. */
class BodyError extends Error {
  constructor(
    readonly type: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'BodyError';
  }
}

/**
 * Reads the whole body under `limit` and parses it as JSON like `express.json()` does: an empty
 * body is `{}`, and anything but an object or array is a parse failure. Nesting deeper than
 * `maxDepth` is refused before parsing.
 */
async function readJsonBody(
  request: IncomingMessage,
  limit: string,
  maxDepth: number,
): Promise<unknown> {
  const text = await getRawBody(request, {
    limit,
    length: request.headers['content-length'] ?? null,
    encoding: 'utf8',
  });
  const first = /\S/.exec(text)?.[0];
  if (first === undefined) return {};
  if (first !== '{' && first !== '[')
    throw new BodyError('entity.parse.failed', 400, 'The body is not a JSON object or array.');
  assertJsonDepth(text, maxDepth);
  try {
    return JSON.parse(text);
  } catch {
    throw new BodyError('entity.parse.failed', 400, 'The body is not valid JSON.');
  }
}
