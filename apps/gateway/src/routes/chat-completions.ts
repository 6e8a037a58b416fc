import {
  chatCompletionRequestSchema,
  type ChatCompletionRequest,
} from '@geminicli2api/protocol-openai';
import {
  createModelCatalog,
  fitRequestToModel,
  type GeminiModelCatalog,
} from '@geminicli2api/protocol-gemini';
import type { GenerateContentResponse } from '@geminicli2api/protocol-gemini';
import {
  collectRemoteMediaUrls,
  convertChatRequestToGemini,
  convertGeminiResponseToChatCompletion,
  createChatCompletionChunkTranslator,
  LruSignatureCache,
  type ResponseTranslationOptions,
  type SignatureCache,
} from '@geminicli2api/translator';
import { recoverOpenAIParam } from '@geminicli2api/translator/internal';
import { Router } from 'express';
import type { Logger } from 'winston';
import { sendJson, type GatewayResponse } from '../http/gateway-response';
import { requestState } from '../http/request-state';
import { DEFAULT_STREAM_SETTINGS, type StreamSettings } from '../http/stream-settings';
import { awaitStreamDrain, streamDrainOptions } from '../http/stream-backpressure';
import { invalidRequestError, requireJsonObject } from '../invalid-request-error';
import { fetchRemoteMedia, type RemoteMediaOptions } from '../media/fetch-remote-media';
import { toOpenAIErrorResponse } from '../middleware/error-handler';
import { contextOf } from '../middleware/request-context';
import { applyVariant } from '../models/apply-variant';
import { announceFallback } from '../models/model-fallbacks';
import { addWarnings } from '../models/warnings-header';
import { requireGenerativeModel, resolveModel } from '../models/resolve-model';
import type { GeminiBackend } from '../upstream/gemini-backend';
import {
  abortOnClientClose,
  keepSseAlive,
  startSse,
  writeSseBatch,
  writeSseData,
} from './write-sse';
import { assertStreamFinished, logStreamFailure } from './stream-failure';
import { withUpstreamParam } from './upstream-param';

/** Dependencies of the chat route. */
export interface ChatCompletionsRouteOptions {
  /** The upstream client, or a function that throws the reason there is none. */
  getClient: () => GeminiBackend;
  logger: Logger;
  /** Models, aliases and variants (default: the built-in catalog). */
  catalog?: GeminiModelCatalog;
  /** Remembers Gemini 3 thought signatures by tool-call id (default: one 10 000-entry LRU per gateway). */
  signatureCache?: SignatureCache;
  /** Remote image fetching (default: loopback/private targets refused). */
  remoteMedia?: RemoteMediaOptions;
  /** SSE keepalive and the client stall timeout (default: no keepalive, 60 s). */
  stream?: StreamSettings;
}

export const CHAT_COMPLETIONS_PATH = '/v1/chat/completions';

/** Answers one chat completion request (its parsed JSON body), streamed or not. */
export type ChatCompletionsHandler = (body: unknown, response: GatewayResponse) => Promise<void>;

/** `POST /v1/chat/completions` as an express router around {@link createChatCompletionsHandler}. */
export function chatCompletionsRoute(handle: ChatCompletionsHandler): Router {
  const router = Router();
  router.post(CHAT_COMPLETIONS_PATH, (request, response) => handle(request.body, response));
  return router;
}

/** The chat completion handler: validate, translate, call the backend, translate back. */
export function createChatCompletionsHandler({
  getClient,
  logger,
  catalog = createModelCatalog(),
  signatureCache = new LruSignatureCache(10_000),
  remoteMedia: remoteMediaOptions = { allowPrivateNetworks: false },
  stream: streaming = DEFAULT_STREAM_SETTINGS,
}: ChatCompletionsRouteOptions): ChatCompletionsHandler {
  return async (rawBody, response) => {
    const body = parseBody(rawBody);
    const resolved = requireGenerativeModel(resolveModel(catalog, body.model));
    const model = resolved.model.id;
    const client = getClient();
    const signal = abortOnClientClose(response);
    // Most requests reference no http(s) image: no fetch, no await.
    const mediaUrls = collectRemoteMediaUrls(body);
    const remoteMedia =
      mediaUrls.length === 0
        ? undefined
        : await fetchRemoteMedia(body, mediaUrls, { ...remoteMediaOptions, signal, logger });
    const {
      request: translated,
      warnings,
      toolNames,
      ...paramMaps
    } = convertChatRequestToGemini(
      { ...body, model },
      { thinking: resolved.model.thinking, signatureCache, remoteMedia },
    );
    const fitted = fitRequestToModel(applyVariant(translated, resolved), resolved.model);
    const geminiRequest = fitted.request;
    if (warnings.length > 0 || fitted.warnings.length > 0) {
      addWarnings(response, [...warnings.map((warning) => warning.param), ...fitted.warnings]);
      logger.debug('translation warnings', {
        requestId: requestState(response).requestId,
        warnings,
        fitted: fitted.warnings,
      });
    }
    requestState(response).model = model;
    const context = contextOf(response);
    if (context) context.requestedModel = body.model;
    const call = { model, request: geminiRequest, signal, context };
    const translation: ResponseTranslationOptions = {
      model: body.model,
      upstreamModel: model,
      toolNames,
      signatureCache,
    };
    try {
      if (!body.stream) {
        const result = await client.generateContent(call);
        translation.model = announceFallback(response) ?? translation.model;
        sendJson(response, 200, convertGeminiResponseToChatCompletion(result, translation));
        return;
      }
      const events = await client.streamGenerateContent(call);
      translation.model = announceFallback(response) ?? translation.model;
      await pipeStream(events, response, body, translation, logger, streaming);
    } catch (error) {
      throw withUpstreamParam(error, (message) => recoverOpenAIParam(message, paramMaps));
    }
  };
}

function parseBody(value: unknown): ChatCompletionRequest {
  const parsed = chatCompletionRequestSchema.safeParse(requireJsonObject(value));
  if (parsed.success) return parsed.data;
  throw invalidRequestError(parsed.error);
}

/**
 * Relays the upstream stream as OpenAI chunks. Headers wait for the first upstream event, so a
 * failure before it still becomes a real HTTP error; after it, a failure is sent as an error
 * event and the stream ends without `[DONE]`, so clients know the answer is incomplete. A client
 * that does not read pauses the upstream, and is dropped after CLIENT_STALL_TIMEOUT_MS.
 */
async function pipeStream(
  events: AsyncIterable<GenerateContentResponse>,
  response: GatewayResponse,
  body: ChatCompletionRequest,
  translation: ResponseTranslationOptions,
  logger: Logger,
  streaming: StreamSettings,
): Promise<void> {
  const translator = createChatCompletionChunkTranslator({
    ...translation,
    includeUsage: body.stream_options?.include_usage ?? false,
  });
  const iterator = events[Symbol.asyncIterator]();
  keepSseAlive(response, streaming.keepaliveMs); // stops when the response closes
  let next = await iterator.next();
  startSse(response);
  const drainOptions = streamDrainOptions(response, logger, streaming.clientStallTimeoutMs);
  try {
    while (!next.done) {
      writeSseBatch(response, translator.push(next.value));
      const drained = awaitStreamDrain(response, drainOptions); // backpressure: see the helper
      if (drained) await drained;
      next = await iterator.next();
    }
    assertStreamFinished(translator.sawFinishReason);
    writeSseBatch(response, [...translator.end(), '[DONE]']);
  } catch (error) {
    if (response.destroyed) return;
    logStreamFailure(logger, response, error);
    writeSseData(response, toOpenAIErrorResponse(error).body);
  } finally {
    response.end();
  }
}
