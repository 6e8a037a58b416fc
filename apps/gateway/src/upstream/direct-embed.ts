import type { EmbedCall, EmbedRequest, EmbedResult } from './gemini-backend';

/** Posts one JSON body to `models/{model}:{method}` and returns the parsed answer. */
export type PostMethod = (
  model: string,
  method: string,
  body: unknown,
  call: EmbedCall,
) => Promise<unknown>;

/** Google's limit on one `batchEmbedContents` call. */
export const GEMINI_API_EMBED_BATCH = 100;

/** Splits a list into chunks of at most `size`. */
export function chunked<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size)
    chunks.push(items.slice(start, start + size));
  return chunks;
}

/** Runs `work` on every item with at most `limit` at once, results in item order. */
async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function valuesOf(entry: unknown): number[] {
  const values = (entry as { values?: unknown } | null)?.values;
  return Array.isArray(values) ? (values as number[]) : [];
}

/** The Gemini API: `:batchEmbedContents` in batches of up to 100, one batch after another. */
export function geminiApiEmbed(post: PostMethod) {
  return async (call: EmbedCall): Promise<EmbedResult> => {
    const embeddings: number[][] = [];
    for (const batch of chunked(call.requests, GEMINI_API_EMBED_BATCH)) {
      const answer = await post(
        call.model,
        'batchEmbedContents',
        { requests: batch.map((request) => ({ model: `models/${call.model}`, ...request })) },
        call,
      );
      const list = (answer as { embeddings?: unknown } | null)?.embeddings;
      for (const entry of Array.isArray(list) ? list : []) embeddings.push(valuesOf(entry));
    }
    return { embeddings };
  };
}

function textOf(request: EmbedRequest): string {
  return request.content.parts.map((part) => part.text ?? '').join('\n');
}

/**
 * Consecutive requests asking the same `outputDimensionality`, in batches of at most `size`: a
 * Vertex `predict` call takes one for all its instances.
 */
function sameDimensionBatches(requests: readonly EmbedRequest[], size: number): EmbedRequest[][] {
  const batches: EmbedRequest[][] = [];
  for (const request of requests) {
    const last = batches[batches.length - 1];
    if (
      last &&
      last.length < size &&
      last[0]?.outputDimensionality === request.outputDimensionality
    )
      last.push(request);
    else batches.push([request]);
  }
  return batches;
}

/**
 * Vertex AI: `:predict` with `instances` (one per request for gemini-embedding models, which take
 * a single input; up to 100 for the others), at most 8 calls at once; Google's token counts summed.
 */
export function vertexEmbed(post: PostMethod) {
  return async (call: EmbedCall): Promise<EmbedResult> => {
    const size = call.model.startsWith('gemini-embedding') ? 1 : GEMINI_API_EMBED_BATCH;
    const batches = sameDimensionBatches(call.requests, size);
    const answers = await mapLimited(batches, 8, (batch) => {
      const dimensions = batch[0]?.outputDimensionality;
      return post(
        call.model,
        'predict',
        {
          instances: batch.map((request) => ({
            content: textOf(request),
            ...(request.taskType ? { task_type: request.taskType } : {}),
            ...(request.title ? { title: request.title } : {}),
          })),
          ...(dimensions ? { parameters: { outputDimensionality: dimensions } } : {}),
        },
        call,
      );
    });
    const embeddings: number[][] = [];
    let tokens = 0;
    for (const answer of answers) {
      const predictions = (answer as { predictions?: unknown } | null)?.predictions;
      for (const prediction of Array.isArray(predictions) ? predictions : []) {
        const found = (prediction as { embeddings?: { statistics?: { token_count?: unknown } } })
          .embeddings;
        embeddings.push(valuesOf(found));
        const count = found?.statistics?.token_count;
        if (typeof count === 'number') tokens += count;
      }
    }
    return { embeddings, tokens };
  };
}
