import { createModelCatalog, type GeminiModelInfo } from '@geminicli2api/protocol-gemini';
import { ConfigError, type Config } from '../config';
import { createModelDirectory, type ModelDirectory } from './model-directory';

/** Ids outside the catalog that are still tried upstream: any `gemini-…` name. */
export const UNLISTED_GEMINI_ID = /^gemini-[a-z0-9][a-z0-9.-]*$/;

/**
 * The model catalog with `GEMINI_EXTRA_MODELS`, `GEMINI_MODEL_ALIASES` and `MODEL_ALIASES` applied; a bad alias
 * is a {@link ConfigError} naming it.
 */
export function catalogFromConfig(
  config: Pick<Config, 'models'> & Partial<Pick<Config, 'modelAliases'>>,
): ModelDirectory {
  const extraModels = config.models.extraIds;
  try {
    createModelCatalog({ extraModels, aliases: config.models.aliases });
  } catch (error) {
    throw new ConfigError([`GEMINI_MODEL_ALIASES: ${messageOf(error)}`]);
  }
  const build = (discovered: readonly GeminiModelInfo[]) =>
    createModelCatalog({
      extraModels,
      aliases: config.models.aliases,
      aliasRules: config.modelAliases ?? [],
      discovered,
      acceptUnlisted: (id) => UNLISTED_GEMINI_ID.test(id),
    });
  try {
    build([]);
  } catch (error) {
    throw new ConfigError([`MODEL_ALIASES: ${messageOf(error)}`]);
  }
  return createModelDirectory(build);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
