import { createModelCatalog, type GeminiModelCatalog } from '@geminicli2api/protocol-gemini';
import { ConfigError, type Config } from '../config';

/**
 * The model catalog with `GEMINI_EXTRA_MODELS`, `GEMINI_MODEL_ALIASES` and `MODEL_ALIASES` applied; a bad alias
 * is a {@link ConfigError} naming it.
 */
export function catalogFromConfig(
  config: Pick<Config, 'models'> & Partial<Pick<Config, 'modelAliases'>>,
): GeminiModelCatalog {
  const extraModels = config.models.extraIds;
  try {
    createModelCatalog({ extraModels, aliases: config.models.aliases });
  } catch (error) {
    throw new ConfigError([`GEMINI_MODEL_ALIASES: ${messageOf(error)}`]);
  }
  try {
    return createModelCatalog({
      extraModels,
      aliases: config.models.aliases,
      aliasRules: config.modelAliases ?? [],
    });
  } catch (error) {
    throw new ConfigError([`MODEL_ALIASES: ${messageOf(error)}`]);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
