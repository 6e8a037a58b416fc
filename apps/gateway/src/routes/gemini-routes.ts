import { matchGeminiPath, type GeminiModelCatalog } from '@geminicli2api/protocol-gemini';
import type { IncomingMessage } from 'node:http';
import { Router } from 'express';
import type { Logger } from 'winston';
import { GatewayError } from '../gateway-error';
import { pathOf, queryParam, sendJson, type GatewayResponse } from '../http/gateway-response';
import { requestState } from '../http/request-state';
import { DEFAULT_STREAM_SETTINGS, type StreamSettings } from '../http/stream-settings';
import { contextOf } from '../middleware/request-context';
import { announceFallback } from '../models/model-fallbacks';
import { requestForModel } from '../models/request-for-model';
import { requireGenerativeModel, resolveModel } from '../models/resolve-model';
import type { GeminiBackend } from '../upstream/gemini-backend';
import { answerGeminiEmbedding } from './embeddings/gemini-embeddings';
import { getGoogleModel, listGoogleModels } from './gemini-models';
import { parseCountTokensRequest, parseGenerateRequest } from './gemini-request';
import { pipeGeminiStream } from './gemini-stream';
import { abortOnClientClose } from './write-sse';

/** Dependencies of the native Gemini routes. */
export interface GeminiRoutesOptions {
  getClient: () => GeminiBackend;
  catalog: GeminiModelCatalog;
  logger: Logger;
  /** SSE keepalive and the client stall timeout (default: no keepalive, 60 s). */
  stream?: StreamSettings;
}

/** A request on the native surface: list, get, or a method on a model. */
export interface GeminiTarget {
  model?: string;
  method?: string;
}

const UNSUPPORTED = new Set([
  'batchGenerateContent',
  'predict',
  'predictLongRunning',
  'generateAnswer',
]);

/**
 * Reads the target from the path. `/v1/models` and `/v1/models/{m}` stay OpenAI's unless a Google
 * SDK asks (it sends `x-goog-api-client`); `/v1/models/{m}:method` is always native.
 */
export function matchGeminiTarget(request: IncomingMessage): GeminiTarget | undefined {
  const match = matchGeminiPath(pathOf(request));
  if (!match || match.vertex) return undefined;
  const { version, model: rawModel, method } = match;
  if (version === 'v1' && method === undefined && !request.headers['x-goog-api-client'])
    return undefined;
  let model: string | undefined;
  try {
    model = rawModel === undefined ? undefined : decodeURIComponent(rawModel);
  } catch {
    model = rawModel;
  }
  return { ...(model !== undefined ? { model } : {}), ...(method !== undefined ? { method } : {}) };
}

/** One call of a method on a model (`POST …/models/{model}:{method}`). */
export interface GeminiMethodCall {
  method: string;
  model: string;
  /** The request path, for messages. */
  path: string;
  /** The parsed JSON body. */
  body: unknown;
  /** The request's `alt` (or `$alt`) query parameter: `sse` streams as server-sent events. */
  alt: string | undefined;
  response: GatewayResponse;
}

/** The `alt` (or `$alt`) query parameter of a native call: `sse` streams as server-sent events. */
export function streamFormat(request: IncomingMessage): string | undefined {
  return queryParam(request, 'alt', '$alt');
}

/** Answers one native method call. */
export type GeminiMethodHandler = (call: GeminiMethodCall) => Promise<void>;

/**
 * The native Gemini API as an express router: `GET /v1beta/models`, `GET /v1beta/models/{m}` and
 * the methods of {@link createGeminiMethodHandler} (also under `/v1/`).
 */
export function geminiRoutes({
  catalog,
  handleMethod,
}: {
  catalog: GeminiModelCatalog;
  handleMethod: GeminiMethodHandler;
}): Router {
  const router = Router();
  router.use(async (request, response, next) => {
    const target = matchGeminiTarget(request);
    if (!target) {
      next();
      return;
    }
    requestState(response).surface = 'gemini';
    const { model, method } = target;
    if (method === undefined && request.method === 'GET') {
      sendJson(
        response,
        200,
        model === undefined
          ? listGoogleModels(catalog, request.query)
          : getGoogleModel(catalog, model),
      );
      return;
    }
    if (model === undefined || method === undefined || request.method !== 'POST')
      throw methodNotFound(request.method, pathOf(request));
    await handleMethod({
      method,
      model,
      path: pathOf(request),
      body: request.body,
      alt: streamFormat(request),
      response,
    });
  });
  return router;
}

function methodNotFound(method: string | undefined, path: string): GatewayError {
  return new GatewayError({
    code: 'NOT_FOUND',
    status: 404,
    message: `Method not found: ${method} ${path}.`,
  });
}

/**
 * `:generateContent`, `:streamGenerateContent` and `:countTokens` on a model; the other methods
 * of Google's API answer 501 or 404.
 */
export function createGeminiMethodHandler({
  getClient,
  catalog,
  logger,
  stream = DEFAULT_STREAM_SETTINGS,
}: GeminiRoutesOptions): GeminiMethodHandler {
  return async ({ method, model, path, body, alt, response }) => {
    if (method === 'embedContent' || method === 'batchEmbedContents') {
      await answerGeminiEmbedding({ method, model, body, response, getClient, catalog });
      return;
    }
    if (UNSUPPORTED.has(method)) {
      throw new GatewayError({
        code: 'NOT_FOUND',
        status: 501,
        message: `${method} is not available through this gateway: it serves generateContent, streamGenerateContent and countTokens on every backend, and embedContent and batchEmbedContents on the Gemini API and Vertex AI backends.`,
      });
    }
    if (method === 'countTokens') {
      const resolved = resolveModel(catalog, model);
      const contents = parseCountTokensRequest(body);
      const client = getClient();
      const result = await client.countTokens({
        model: resolved.model.id,
        contents,
        signal: abortOnClientClose(response),
        context: contextOf(response),
      });
      sendJson(response, 200, { totalTokens: result.totalTokens });
      return;
    }
    if (method !== 'generateContent' && method !== 'streamGenerateContent')
      throw methodNotFound('POST', path);
    const resolved = requireGenerativeModel(resolveModel(catalog, model));
    const request = parseGenerateRequest(body);
    const client = getClient();
    requestState(response).model = resolved.model.id;
    const fitted = requestForModel(request, resolved, response);
    const context = contextOf(response);
    if (context) context.requestedModel = model.replace(/^models\//, '');
    const call = {
      model: resolved.model.id,
      request: fitted,
      signal: abortOnClientClose(response),
      context,
    };
    if (method === 'generateContent') {
      const result = await client.generateContent(call);
      announceFallback(response);
      sendJson(response, 200, result);
      return;
    }
    const events = await client.streamGenerateContent(call);
    announceFallback(response);
    await pipeGeminiStream(events, response, { sse: alt === 'sse', logger, settings: stream });
  };
}
