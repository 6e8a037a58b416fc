import {
  chatCompletionRequestSchema,
  formatZodIssues,
  type ChatCompletionRequest,
} from '@geminicli2api/protocol-openai';
import { findGeminiModel, GEMINI_MODELS, normalizeModelId } from '@geminicli2api/protocol-gemini';
import type { GenerateContentResponse } from '@geminicli2api/protocol-gemini';
import {
  convertChatRequestToGemini,
  convertGeminiResponseToChatCompletion,
  createChatCompletionChunkTranslator,
} from '@geminicli2api/translator';
import { Router, type Response } from 'express';
import type { Logger } from 'winston';
import { GatewayError } from '../gateway-error';
import { errorSummary, toOpenAIErrorResponse } from '../middleware/error-handler';
import type { GeminiBackend } from '../upstream/gemini-backend';
import { abortOnClientClose, startSse, writeSseData } from './write-sse';

/** Dependencies of the chat route. */
export interface ChatCompletionsRouteOptions {
  /** The upstream client, or a function that throws the reason there is none. */
  getClient: () => GeminiBackend;
  logger: Logger;
}

/** `POST /v1/chat/completions`, streamed and not. */
export function chatCompletionsRoute({ getClient, logger }: ChatCompletionsRouteOptions): Router {
  const router = Router();
  router.post('/v1/chat/completions', async (request, response) => {
    const body = parseBody(request.body);
    const model = resolveModel(body.model);
    const client = getClient();
    const { request: geminiRequest, warnings } = convertChatRequestToGemini(body);
    if (warnings.length > 0) {
      response.set('x-geminicli2api-warnings', warnings.map((warning) => warning.param).join(','));
    }
    response.locals['model'] = model;
    const signal = abortOnClientClose(response);
    const call = { model, request: geminiRequest, signal };
    if (!body.stream) {
      const result = await client.generateContent(call);
      response.json(convertGeminiResponseToChatCompletion(result, { model: body.model }));
      return;
    }
    const events = await client.streamGenerateContent(call);
    await pipeStream(events, response, body, logger);
  });
  return router;
}

function parseBody(value: unknown): ChatCompletionRequest {
  const parsed = chatCompletionRequestSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const [first] = formatZodIssues(parsed.error.issues);
  throw new GatewayError({
    code: 'INVALID_REQUEST',
    status: 400,
    param: first?.path || null,
    message: first ? `Invalid request: ${first.path || 'body'}: ${first.message}` : 'Invalid request body.',
  });
}

function resolveModel(requested: string): string {
  const model = findGeminiModel(requested);
  if (model) return model.id;
  throw new GatewayError({
    code: 'NOT_FOUND',
    status: 404,
    param: 'model',
    message: `The model "${normalizeModelId(requested).slice(0, 100)}" does not exist. Available models: ${GEMINI_MODELS.map((entry) => entry.id).join(', ')}.`,
  });
}

/**
 * Relays the upstream stream as OpenAI chunks. Headers wait for the first upstream event, so a
 * failure before it still becomes a real HTTP error; after it, a failure is sent as an error
 * event and the stream ends without `[DONE]`, so clients know the answer is incomplete.
 */
async function pipeStream(
  events: AsyncIterable<GenerateContentResponse>,
  response: Response,
  body: ChatCompletionRequest,
  logger: Logger,
): Promise<void> {
  const translator = createChatCompletionChunkTranslator({
    model: body.model,
    includeUsage: body.stream_options?.include_usage ?? false,
  });
  const iterator = events[Symbol.asyncIterator]();
  let next = await iterator.next();
  startSse(response);
  try {
    while (!next.done) {
      for (const chunk of translator.push(next.value)) writeSseData(response, chunk);
      next = await iterator.next();
    }
    if (!translator.sawFinishReason) {
      throw new GatewayError({
        code: 'UPSTREAM_ERROR',
        status: 502,
        message: 'The upstream stream ended without a finish reason; the answer may be incomplete.',
      });
    }
    for (const chunk of translator.end()) writeSseData(response, chunk);
    writeSseData(response, '[DONE]');
  } catch (error) {
    if (response.destroyed) return;
    logger.warn('stream failed after it started', {
      requestId: response.locals['requestId'],
      error: errorSummary(error),
    });
    writeSseData(response, toOpenAIErrorResponse(error).body);
  } finally {
    response.end();
  }
}
