import { createModelCatalog, type GeminiModelCatalog } from '@geminicli2api/protocol-gemini';
import {
  responsesRequestSchema,
  type ResponsesRequest,
  type ResponsesResponse,
} from '@geminicli2api/protocol-openai';
import {
  convertGeminiResponseToResponses,
  convertResponsesRequestToGemini,
  createResponsesEnvelope,
  createResponsesStreamTranslator,
  LruSignatureCache,
  type ResponsesStreamTranslatorOptions,
  type SignatureCache,
} from '@geminicli2api/translator';
import { identifyInputItems, responsesInputItems } from '@geminicli2api/translator/internal';
import type { Logger } from 'winston';
import { GatewayError } from '../../gateway-error';
import { randomHex } from '../../random-hex';
import { sendJson, type GatewayResponse } from '../../http/gateway-response';
import { requestState } from '../../http/request-state';
import { DEFAULT_STREAM_SETTINGS, type StreamSettings } from '../../http/stream-settings';
import { invalidRequestError, requireJsonObject } from '../../invalid-request-error';
import { contextOf } from '../../middleware/request-context';
import { announceFallback } from '../../models/model-fallbacks';
import { requestForModel } from '../../models/request-for-model';
import { resolveModel } from '../../models/resolve-model';
import type { GeminiBackend } from '../../upstream/gemini-backend';
import { abortOnClientClose } from '../write-sse';
import type { RemoteMediaOptions } from '../../media/fetch-remote-media';
import { fetchResponsesMedia } from './fetch-responses-media';
import { loadHistory } from './load-history';
import { pipeResponsesStream } from './pipe-responses-stream';
import { withUpstreamParam } from '../upstream-param';
import type { ResponseStore } from './response-store';

/** Dependencies of the Responses routes. */
export interface ResponsesRouteOptions {
  /** The upstream client, or a function that throws the reason there is none. */
  getClient: () => GeminiBackend;
  logger: Logger;
  /** Kept responses (`store`, `previous_response_id`, `GET /v1/responses/{id}`). */
  store: ResponseStore;
  catalog?: GeminiModelCatalog;
  /** Thought signatures by call id, for clients that send calls back without reasoning items. */
  signatureCache?: SignatureCache;
  /** Remote image fetching (default: loopback/private targets refused). */
  remoteMedia?: RemoteMediaOptions;
  /** SSE keepalive and the client stall timeout (default: no keepalive, 60 s). */
  stream?: StreamSettings;
}

/** Answers one `POST /v1/responses` (its parsed JSON body), streamed or not. */
export type ResponsesHandler = (body: unknown, response: GatewayResponse) => Promise<void>;

const ENCRYPTED_CONTENT = 'reasoning.encrypted_content';

/** A fresh id suffix (48 hex characters, like OpenAI's). */
export function newId(): string {
  return randomHex(24);
}

/** Parses a Responses request body, or the 400 naming the offending path. */
export function parseResponsesRequest(value: unknown): ResponsesRequest {
  const parsed = responsesRequestSchema.safeParse(requireJsonObject(value));
  if (!parsed.success) throw invalidRequestError(parsed.error);
  if (parsed.data.background) {
    throw new GatewayError({
      code: 'INVALID_REQUEST',
      status: 400,
      param: 'background',
      message:
        'Background responses are not supported by this gateway; send the request without background.',
    });
  }
  return parsed.data;
}

/**
 * The `POST /v1/responses` handler: validate, join the stored history of
 * `previous_response_id`, translate, call the backend, translate back (streamed or not), and keep
 * the response unless `store` is false.
 */
export function createResponsesHandler({
  getClient,
  logger,
  store,
  catalog = createModelCatalog(),
  signatureCache = new LruSignatureCache(10_000),
  remoteMedia: remoteMediaOptions = { allowPrivateNetworks: false },
  stream: streaming = DEFAULT_STREAM_SETTINGS,
}: ResponsesRouteOptions): ResponsesHandler {
  return async (rawBody, response) => {
    const body = parseResponsesRequest(rawBody);
    const resolved = resolveModel(catalog, body.model);
    const requestContext = contextOf(response);
    if (requestContext) requestContext.requestedModel = body.model; // allow-lists, the ledger
    const model = resolved.model.id;
    const client = getClient();
    const history = body.previous_response_id
      ? await loadHistory(store, body.previous_response_id)
      : [];
    // Ids are for stored input (`input_items`); a response not stored needs none.
    const input =
      body.store === false
        ? responsesInputItems(body.input)
        : identifyInputItems(body.input, newId);
    const signal = abortOnClientClose(response);
    const remoteMedia = await fetchResponsesMedia(input, {
      ...remoteMediaOptions,
      signal,
      logger,
    });
    const { request, warnings, toolNames, customTools, localShell, recoverParam } =
      convertResponsesRequestToGemini(
        { ...body, model, input: [...history, ...input] },
        { thinking: resolved.model.thinking, signatureCache, remoteMedia },
      );
    if (warnings.length > 0) {
      response.setHeader(
        'x-geminicli2api-warnings',
        warnings.map((warning) => warning.param).join(','),
      );
      logger.debug('translation warnings', {
        requestId: requestState(response).requestId,
        warnings,
      });
    }
    requestState(response).model = model;
    const fitted = requestForModel(request, resolved, response);
    const call = {
      model,
      request: fitted,
      signal,
      context: contextOf(response),
    };
    const id = `resp_${newId()}`;
    const translation: ResponsesStreamTranslatorOptions = {
      model: body.model,
      upstreamModel: model,
      toolNames,
      signatureCache,
      customTools,
      localShell,
      includeEncrypted: body.include?.includes(ENCRYPTED_CONTENT) ?? false,
      envelope: createResponsesEnvelope(body, { id, createdAt: Math.floor(Date.now() / 1000) }),
    };
    /** A MODEL_FALLBACKS model served: the answer's `model` names it (as chat completions do). */
    const servedBy = (served: string | undefined) => {
      if (served === undefined) return;
      translation.model = served;
      translation.envelope = { ...translation.envelope, model: served };
    };
    const keep = async (stored: ResponsesResponse) => {
      if (body.store !== false) await store.put(id, { response: stored, input });
    };
    try {
      if (!body.stream) {
        const answer = await client.generateContent(call);
        servedBy(announceFallback(response));
        const converted = convertGeminiResponseToResponses(answer, translation);
        await keep(converted.stored);
        sendJson(response, 200, converted.response);
        return;
      }
      const events = await client.streamGenerateContent(call);
      servedBy(announceFallback(response));
      const translator = createResponsesStreamTranslator(translation);
      try {
        await pipeResponsesStream(events, response, translator, logger, streaming);
      } finally {
        if (translator.response.status !== 'in_progress') await keep(translator.response);
      }
    } catch (error) {
      throw withUpstreamParam(error, recoverParam);
    }
  };
}
