import type { GeminiModelCatalog, ResolvedGeminiModel } from '@geminicli2api/protocol-gemini';
import { normalizeModelId } from '@geminicli2api/protocol-gemini';
import { GatewayError } from '../gateway-error';

/**
 * Resolves the model a client named (with or without `models/`, an alias, variant suffixes) or
 * throws a 404 `GatewayError` (param `model`) naming the closest valid names. An unknown
 * `gemini-*` id resolves as `unlisted` (tried upstream; Google's 404 then names the closest).
 */
export function resolveModel(catalog: GeminiModelCatalog, requested: string): ResolvedGeminiModel {
  const resolved = catalog.resolve(requested);
  if (resolved) return resolved;
  throw unknownModel(catalog, requested);
}

/** The 404 (param `model`) for a name the gateway does not know, naming the closest ones. */
export function unknownModel(catalog: GeminiModelCatalog, requested: string): GatewayError {
  return new GatewayError({
    code: 'NOT_FOUND',
    status: 404,
    param: 'model',
    message: unknownModelMessage(catalog, requested),
  });
}

/** "The model x does not exist. Did you mean: …? Available models: …." */
export function unknownModelMessage(catalog: GeminiModelCatalog, requested: string): string {
  const name = normalizeModelId(requested.trim()).slice(0, 100);
  const suggestions = catalog.suggest(name);
  const hint = suggestions.length > 0 ? ` Did you mean: ${suggestions.join(', ')}?` : '';
  const ids = (kind: string) =>
    catalog.models
      .filter((model) => (model.kind ?? 'text') === kind)
      .map((model) => model.id)
      .join(', ');
  const images = ids('image');
  const embeddings = ids('embedding');
  return `The model "${name}" does not exist.${hint} Available models: ${ids('text')} (each also with -search, -nothinking, -maxthinking and combinations such as -search-nothinking)${images ? `; image models: ${images}` : ''}${embeddings ? `; embedding models: ${embeddings}` : ''}.`;
}

/**
 * An embedding model named for generation is a 400 pointing at the embeddings endpoints (Google
 * would answer with a less helpful error).
 */
export function requireGenerativeModel(resolved: ResolvedGeminiModel): ResolvedGeminiModel {
  if (resolved.model.kind !== 'embedding') return resolved;
  throw new GatewayError({
    code: 'INVALID_REQUEST',
    status: 400,
    param: 'model',
    message: `The model "${resolved.name}" makes embeddings, not text: use POST /v1/embeddings or :embedContent.`,
  });
}
