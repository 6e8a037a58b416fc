import { createModelCatalog, type GeminiModelCatalog } from '@geminicli2api/protocol-gemini';
import { ConfigError, type Config } from '../config';

/**
 * The model catalog with `GEMINI_EXTRA_MODELS` and `GEMINI_MODEL_ALIASES` applied; a bad alias
 * is a {@link ConfigError} naming it.
 */
export function catalogFromConfig(config: Pick<Config, 'models'>): GeminiModelCatalog {
  try {
    return createModelCatalog({
      extraModels: config.models.extraIds,
      aliases: config.models.aliases,
    });
  } catch (error) {
    throw new ConfigError([
      `GEMINI_MODEL_ALIASES: ${error instanceof Error ? error.message : String(error)}`,
    ]);
  }
}
