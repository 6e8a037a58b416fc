import type { GeminiModelCatalog, ResolvedGeminiModel } from '@geminicli2api/protocol-gemini';
import { GatewayError } from '../../gateway-error';
import { resolveModel } from '../../models/resolve-model';
import type { GeminiBackend } from '../../upstream/gemini-backend';

/**
 * The backend's embed method, or a 501 saying which backends serve embeddings (Code Assist has
 * no embedding method at Google).
 */
export function requireEmbedder(backend: GeminiBackend): NonNullable<GeminiBackend['embed']> {
  if (backend.embed) return backend.embed.bind(backend);
  throw new GatewayError({
    code: 'NOT_FOUND',
    status: 501,
    message:
      'Embeddings are not available on the Code Assist backend: Google offers no embedding method there. They are served by the Gemini API backend (GEMINI_API_KEY) and by Vertex AI (GOOGLE_GENAI_USE_VERTEXAI=true with GOOGLE_CLOUD_PROJECT); with Code Assist, set GEMINI_API_KEY and GEMINI_FAILOVER_TO_API_KEY=true to send embeddings to the key.',
  });
}

/** Resolves an embedding model; a chat or image model is a 400 naming the embedding models. */
export function resolveEmbeddingModel(
  catalog: GeminiModelCatalog,
  requested: string,
): ResolvedGeminiModel {
  const resolved = resolveModel(catalog, requested);
  if (resolved.model.kind === 'embedding') return resolved;
  const embedders = catalog.models.filter((model) => model.kind === 'embedding');
  throw new GatewayError({
    code: 'INVALID_REQUEST',
    status: 400,
    param: 'model',
    message: `The model "${resolved.name}" does not make embeddings. Embedding models: ${embedders.map((model) => model.id).join(', ')}.`,
  });
}

/** Google counts no tokens for some calls: a ceil(characters / 4) estimate stands in. */
export function estimateTokens(texts: readonly string[]): number {
  return texts.reduce((sum, text) => sum + Math.ceil(text.length / 4), 0);
}
