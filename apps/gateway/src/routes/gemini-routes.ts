import type { GeminiModelCatalog } from '@geminicli2api/protocol-gemini';
import { Router, type Request, type Response } from 'express';
import type { Logger } from 'winston';
import { GatewayError } from '../gateway-error';
import { applyVariant } from '../models/apply-variant';
import { resolveModel } from '../models/resolve-model';
import type { GeminiBackend } from '../upstream/gemini-backend';
import { getGoogleModel, listGoogleModels } from './gemini-models';
import { parseCountTokensRequest, parseGenerateRequest } from './gemini-request';
import { pipeGeminiStream } from './gemini-stream';
import { abortOnClientClose } from './write-sse';

/** Dependencies of the native Gemini routes. */
export interface GeminiRoutesOptions {
  getClient: () => GeminiBackend;
  catalog: GeminiModelCatalog;
  logger: Logger;
}

/** A request on the native surface: list, get, or a method on a model. */
interface GeminiTarget {
  model?: string;
  method?: string;
}

const PATH = /^\/(v1beta|v1alpha|v1)\/models(?:\/([^/]+?|models\/[^/]+?)(?::([A-Za-z]+))?)?\/?$/;
const UNSUPPORTED = new Set([
  'embedContent',
  'batchEmbedContents',
  'batchGenerateContent',
  'predict',
  'predictLongRunning',
  'generateAnswer',
]);

/**
 * Reads the target from the path. `/v1/models` and `/v1/models/{m}` stay OpenAI's unless a Google
 * SDK asks (it sends `x-goog-api-client`); `/v1/models/{m}:method` is always native.
 */
function matchTarget(request: Request): GeminiTarget | undefined {
  const match = PATH.exec(request.path);
  if (!match) return undefined;
  const [, version, rawModel, method] = match;
  if (version === 'v1' && method === undefined && !request.get('x-goog-api-client'))
    return undefined;
  let model: string | undefined;
  try {
    model = rawModel === undefined ? undefined : decodeURIComponent(rawModel);
  } catch {
    model = rawModel;
  }
  return { ...(model !== undefined ? { model } : {}), ...(method !== undefined ? { method } : {}) };
}

/**
 * The native Gemini API: `GET /v1beta/models`, `GET /v1beta/models/{m}` and
 * `POST /v1beta/models/{m}:generateContent | :streamGenerateContent | :countTokens` (also under `/v1/`).
 */
export function geminiRoutes({ getClient, catalog, logger }: GeminiRoutesOptions): Router {
  const router = Router();
  router.use(async (request, response, next) => {
    const target = matchTarget(request);
    if (!target) {
      next();
      return;
    }
    response.locals['surface'] = 'gemini';
    const { model, method } = target;
    if (method === undefined && request.method === 'GET') {
      response.json(
        model === undefined
          ? listGoogleModels(catalog, request.query)
          : getGoogleModel(catalog, model),
      );
      return;
    }
    if (model === undefined || method === undefined || request.method !== 'POST')
      throw methodNotFound(request);
    if (UNSUPPORTED.has(method)) {
      throw new GatewayError({
        code: 'NOT_FOUND',
        status: 501,
        message: `${method} is not available through this gateway (Code Assist serves generateContent, streamGenerateContent and countTokens).`,
      });
    }
    await handleMethod({ request, response, method, model, getClient, catalog, logger });
  });
  return router;
}

function methodNotFound(request: Request): GatewayError {
  return new GatewayError({
    code: 'NOT_FOUND',
    status: 404,
    message: `Method not found: ${request.method} ${request.path}.`,
  });
}

async function handleMethod({
  request,
  response,
  method,
  model,
  getClient,
  catalog,
  logger,
}: GeminiRoutesOptions & {
  request: Request;
  response: Response;
  method: string;
  model: string;
}): Promise<void> {
  if (method === 'countTokens') {
    const resolved = resolveModel(catalog, model);
    const contents = parseCountTokensRequest(request.body);
    const client = getClient();
    const result = await client.countTokens({
      model: resolved.model.id,
      contents,
      signal: abortOnClientClose(response),
    });
    response.json({ totalTokens: result.totalTokens });
    return;
  }
  if (method !== 'generateContent' && method !== 'streamGenerateContent')
    throw methodNotFound(request);
  const resolved = resolveModel(catalog, model);
  const body = parseGenerateRequest(request.body);
  const client = getClient();
  response.locals['model'] = resolved.model.id;
  const call = {
    model: resolved.model.id,
    request: applyVariant(body, resolved),
    signal: abortOnClientClose(response),
  };
  if (method === 'generateContent') {
    response.json(await client.generateContent(call));
    return;
  }
  const alt = request.query['alt'] ?? request.query['$alt'];
  const events = await client.streamGenerateContent(call);
  await pipeGeminiStream(events, response, { sse: alt === 'sse', logger });
}
