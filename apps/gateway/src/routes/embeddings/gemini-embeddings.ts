import { geminiContentSchema, type GeminiModelCatalog } from '@geminicli2api/protocol-gemini';
import { z } from 'zod';
import { sendJson, type GatewayResponse } from '../../http/gateway-response';
import { requestState } from '../../http/request-state';
import { invalidRequestError, requireJsonObject } from '../../invalid-request-error';
import { contextOf } from '../../middleware/request-context';
import type { EmbedRequest, GeminiBackend } from '../../upstream/gemini-backend';
import { abortOnClientClose } from '../write-sse';
import { requireEmbedder, resolveEmbeddingModel } from './require-embedder';

const embedContentSchema = z.object({
  model: z.string().optional(),
  content: geminiContentSchema,
  taskType: z.string().optional(),
  title: z.string().optional(),
  outputDimensionality: z.number().int().min(1).max(3072).optional(),
});

const batchSchema = z.object({ requests: z.array(embedContentSchema).min(1) });

/** One native embedding call (`:embedContent` or `:batchEmbedContents`). */
export interface GeminiEmbeddingCall {
  method: 'embedContent' | 'batchEmbedContents';
  model: string;
  body: unknown;
  response: GatewayResponse;
  getClient: () => GeminiBackend;
  catalog: GeminiModelCatalog;
}

/**
 * `POST …/models/{m}:embedContent` → `{embedding: {values}}` and `:batchEmbedContents` →
 * `{embeddings: [{values}]}` (any number of requests; the backend splits them into batches of 100).
 */
export async function answerGeminiEmbedding({
  method,
  model,
  body,
  response,
  getClient,
  catalog,
}: GeminiEmbeddingCall): Promise<void> {
  // Code Assist cannot embed at all: say so before judging the request.
  const embed = requireEmbedder(getClient());
  const object = requireJsonObject(body);
  const parsed =
    method === 'embedContent'
      ? embedContentSchema.safeParse(object)
      : batchSchema.safeParse(object);
  if (!parsed.success) throw invalidRequestError(parsed.error);
  const entries = 'requests' in parsed.data ? parsed.data.requests : [parsed.data];
  const resolved = resolveEmbeddingModel(catalog, model);
  requestState(response).model = resolved.model.id;
  const requests: EmbedRequest[] = entries.map(({ model: _model, ...request }) => request);
  const result = await embed({
    model: resolved.model.id,
    requests,
    signal: abortOnClientClose(response),
    context: contextOf(response),
  });
  const embeddings = result.embeddings.map((values) => ({ values }));
  sendJson(
    response,
    200,
    method === 'embedContent' ? { embedding: embeddings[0] ?? { values: [] } } : { embeddings },
  );
}
