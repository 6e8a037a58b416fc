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
  const available = catalog.models.map((model) => model.id).join(', ');
  return `The model "${name}" does not exist.${hint} Available models: ${available} (each also with -search, -nothinking, -maxthinking and combinations such as -search-nothinking).`;
}
