import {
  countTokensRequestSchema,
  describeAnthropicIssues,
  messagesRequestSchema,
} from '@geminicli2api/protocol-anthropic';
import { createModelCatalog, type GeminiModelCatalog } from '@geminicli2api/protocol-gemini';
import {
  collectAnthropicMediaUrls,
  convertAnthropicRequestToGemini,
  convertGeminiResponseToAnthropic,
  LruSignatureCache,
  type ConvertAnthropicRequestOptions,
  type SignatureCache,
} from '@geminicli2api/translator';
import type { Logger } from 'winston';
import type { z } from 'zod';
import { GatewayError } from '../../gateway-error';
import { sendJson, type GatewayResponse } from '../../http/gateway-response';
import { requestState } from '../../http/request-state';
import { DEFAULT_STREAM_SETTINGS, type StreamSettings } from '../../http/stream-settings';
import { requireJsonObject } from '../../invalid-request-error';
import { fetchRemoteMedia, type RemoteMediaOptions } from '../../media/fetch-remote-media';
import { contextOf } from '../../middleware/request-context';
import { announceFallback } from '../../models/model-fallbacks';
import { requestForModel } from '../../models/request-for-model';
import { resolveModel } from '../../models/resolve-model';
import type { GeminiBackend } from '../../upstream/gemini-backend';
import { abortOnClientClose } from '../write-sse';
import { pipeAnthropicStream } from './pipe-anthropic-stream';

/** Dependencies of the Anthropic routes (the same as the chat route's). */
export interface AnthropicRouteOptions {
  getClient: () => GeminiBackend;
  logger: Logger;
  catalog?: GeminiModelCatalog;
  /** Backs clients that drop thinking blocks (default: one 10 000-entry LRU). */
  signatureCache?: SignatureCache;
  remoteMedia?: RemoteMediaOptions;
  /** SSE keepalive and the client stall timeout (default: no keepalive, 60 s). */
  stream?: StreamSettings;
}

/** Answers one request (its parsed JSON body). */
export type AnthropicHandler = (body: unknown, response: GatewayResponse) => Promise<void>;

/** `POST /v1/messages` and `POST /v1/messages/count_tokens`. */
export interface AnthropicHandlers {
  messages: AnthropicHandler;
  countTokens: AnthropicHandler;
}

/** Builds both handlers: validate, resolve the model, translate, call the backend, translate back. */
export function createAnthropicHandlers({
  getClient,
  logger,
  catalog = createModelCatalog(),
  signatureCache = new LruSignatureCache(10_000),
  remoteMedia: remoteMediaOptions = { allowPrivateNetworks: false },
  stream: streaming = DEFAULT_STREAM_SETTINGS,
}: AnthropicRouteOptions): AnthropicHandlers {
  /** Parses, resolves the model and translates; the request's model is the one reported back. */
  async function prepare<T extends z.ZodType>(
    schema: T,
    rawBody: unknown,
    response: GatewayResponse,
  ) {
    requestState(response).surface = 'anthropic';
    const parsed = schema.safeParse(requireJsonObject(rawBody));
    if (!parsed.success) {
      throw new GatewayError({
        code: 'INVALID_REQUEST',
        status: 400,
        message: describeAnthropicIssues(parsed.error.issues),
      });
    }
    const body = parsed.data as z.infer<typeof messagesRequestSchema>;
    const resolved = resolveModel(catalog, body.model);
    const requestContext = contextOf(response);
    if (requestContext) requestContext.requestedModel = body.model; // allow-lists, the ledger
    const model = resolved.model.id;
    const client = getClient();
    const signal = abortOnClientClose(response);
    const urls = collectAnthropicMediaUrls(body.messages);
    // The output limit is fitted with the rest below (requestForModel), which names it.
    const options: ConvertAnthropicRequestOptions = {
      thinking: resolved.model.thinking,
      signatureCache,
    };
    if (urls.length > 0)
      options.remoteMedia = await fetchRemoteMedia({ messages: [] }, urls, {
        ...remoteMediaOptions,
        signal,
        logger,
      });
    const translated = convertAnthropicRequestToGemini({ ...body, model }, options);
    if (translated.warnings.length > 0) {
      response.setHeader(
        'x-geminicli2api-warnings',
        translated.warnings.map((warning) => warning.param).join(','),
      );
      logger.debug('translation warnings', {
        requestId: requestState(response).requestId,
        warnings: translated.warnings,
      });
    }
    requestState(response).model = model;
    return { body, resolved, model, client, signal, translated };
  }

  return {
    async messages(rawBody, response) {
      const { body, resolved, model, client, signal, translated } = await prepare(
        messagesRequestSchema,
        rawBody,
        response,
      );
      const fitted = requestForModel(translated.request, resolved, response);
      const call = {
        model,
        request: fitted,
        signal,
        context: contextOf(response),
      };
      const translation = {
        model: body.model,
        upstreamModel: model,
        toolNames: translated.toolNames,
        signatureCache,
        omitThinking: translated.omitThinking,
      };
      if (!body.stream) {
        const result = await client.generateContent(call);
        translation.model = announceFallback(response) ?? translation.model;
        sendJson(response, 200, convertGeminiResponseToAnthropic(result, translation));
        return;
      }
      const opening = client.streamGenerateContent(call).then((events) => {
        translation.model = announceFallback(response) ?? translation.model; // MODEL_FALLBACKS
        return events;
      });
      await pipeAnthropicStream(opening, response, translation, logger, streaming);
    },

    async countTokens(rawBody, response) {
      const { model, client, signal, translated } = await prepare(
        countTokensRequestSchema,
        rawBody,
        response,
      );
      const { contents, systemInstruction, tools } = translated.request;
      // countTokens takes contents only: system and tool declarations are counted as text.
      const extra = [...(systemInstruction?.parts ?? [])];
      if (tools) extra.push({ text: JSON.stringify(tools) });
      const counted =
        extra.length === 0
          ? contents
          : contents[0]?.role === 'user'
            ? [{ ...contents[0], parts: [...extra, ...contents[0].parts] }, ...contents.slice(1)]
            : [{ role: 'user', parts: extra }, ...contents];
      const result = await client.countTokens({
        model,
        contents: counted,
        signal,
        context: contextOf(response),
      });
      sendJson(response, 200, { input_tokens: result.totalTokens });
    },
  };
}
