import {
  embeddingRequestSchema,
  type EmbeddingRequest,
  type EmbeddingResponse,
} from '@geminicli2api/protocol-openai';
import type { GeminiModelCatalog } from '@geminicli2api/protocol-gemini';
import { Router } from 'express';
import { GatewayError } from '../../gateway-error';
import { sendJson, type GatewayResponse } from '../../http/gateway-response';
import { requestState } from '../../http/request-state';
import { invalidRequestError, requireJsonObject } from '../../invalid-request-error';
import { contextOf } from '../../middleware/request-context';
import type { GeminiBackend } from '../../upstream/gemini-backend';
import { abortOnClientClose } from '../write-sse';
import { estimateTokens, requireEmbedder, resolveEmbeddingModel } from './require-embedder';

export const EMBEDDINGS_PATH = '/v1/embeddings';

/** Dependencies of {@link embeddingsRoute}. */
export interface EmbeddingsRouteOptions {
  getClient: () => GeminiBackend;
  catalog: GeminiModelCatalog;
}

/**
 * `POST /v1/embeddings`: a string or a list of strings, `dimensions` → `outputDimensionality`,
 * `encoding_format` float (default) or base64; the backend batches (100 per Gemini API call).
 */
export function embeddingsRoute(options: EmbeddingsRouteOptions): Router {
  const router = Router();
  router.post(EMBEDDINGS_PATH, async (request, response) => {
    await answerEmbeddings(request.body, response, options);
  });
  return router;
}

async function answerEmbeddings(
  rawBody: unknown,
  response: GatewayResponse,
  { getClient, catalog }: EmbeddingsRouteOptions,
): Promise<void> {
  // Code Assist cannot embed at all: say so before judging the request.
  const embed = requireEmbedder(getClient());
  const body = parseBody(rawBody);
  const inputs = textInputs(body.input);
  const resolved = resolveEmbeddingModel(catalog, body.model);
  requestState(response).model = resolved.model.id;
  const result = await embed({
    model: resolved.model.id,
    requests: inputs.map((text) => ({
      content: { role: 'user', parts: [{ text }] },
      ...(body.dimensions ? { outputDimensionality: body.dimensions } : {}),
    })),
    signal: abortOnClientClose(response),
    context: contextOf(response),
  });
  if (result.embeddings.length !== inputs.length) {
    throw new GatewayError({
      code: 'UPSTREAM_ERROR',
      status: 502,
      message: `Google returned ${result.embeddings.length} embeddings for ${inputs.length} inputs.`,
    });
  }
  const tokens = result.tokens || estimateTokens(inputs);
  const answer: EmbeddingResponse = {
    object: 'list',
    data: result.embeddings.map((values, index) => ({
      object: 'embedding',
      index,
      embedding: body.encoding_format === 'base64' ? toBase64(values) : values,
    })),
    model: body.model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
  sendJson(response, 200, answer);
}

function parseBody(value: unknown): EmbeddingRequest {
  const parsed = embeddingRequestSchema.safeParse(requireJsonObject(value));
  if (parsed.success) return parsed.data;
  throw invalidRequestError(parsed.error);
}

/** The texts to embed; token arrays (which only OpenAI's tokenizer gives meaning) are refused. */
function textInputs(input: EmbeddingRequest['input']): string[] {
  const list: unknown[] = Array.isArray(input) ? input : [input];
  if (list.every((item): item is string => typeof item === 'string')) return list;
  throw new GatewayError({
    code: 'INVALID_REQUEST',
    status: 400,
    param: 'input',
    message:
      'Invalid request: input: token arrays are not supported (they are OpenAI tokenizer ids); send the text itself, as a string or a list of strings.',
  });
}

/** Little-endian float32 bytes, base64: what OpenAI sends for `encoding_format: base64`. */
function toBase64(values: readonly number[]): string {
  const bytes = Buffer.alloc(values.length * 4);
  values.forEach((value, index) => bytes.writeFloatLE(value, index * 4));
  return bytes.toString('base64');
}
