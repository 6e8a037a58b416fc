import { isJsonObject } from './json-object';
import { isGemini3Model } from './validate-thought-signatures';
import {
  firstUnknownKey,
  invalidArgument,
  unknownFieldMessage,
  type ValidationFailure,
} from './validation-failure';

const THINKING_KEYS = new Set(['includeThoughts', 'thinkingBudget', 'thinkingLevel']);
const ALL_LEVELS = new Set(['THINKING_LEVEL_UNSPECIFIED', 'MINIMAL', 'LOW', 'MEDIUM', 'HIGH']);

/** Thinking levels a model accepts (protocol reference §8.4), lower case. */
export function thinkingLevelsFor(model: string): readonly string[] {
  if (!model.includes('-pro')) return ['minimal', 'low', 'medium', 'high'];
  return model.startsWith('gemini-3.1') ? ['low', 'medium', 'high'] : ['low', 'high'];
}

/**
 * Checks `generationConfig.thinkingConfig` against the model: `thinkingBudget` and
 * `thinkingLevel` not together, `thinkingLevel` only on Gemini 3 and only with a level the model
 * supports (compared case-insensitively), and no budget 0 on a `pro` model.
 */
export function validateThinkingConfig(
  config: unknown,
  model: string,
): ValidationFailure | undefined {
  if (config === undefined) return undefined;
  const path = 'request.generation_config.thinking_config';
  if (!isJsonObject(config))
    return invalidArgument(`Invalid value at '${path}', expected an object.`);
  const unknown = firstUnknownKey(config, THINKING_KEYS);
  if (unknown !== undefined) return invalidArgument(unknownFieldMessage(unknown, path));
  const { thinkingBudget: budget, thinkingLevel: level, includeThoughts } = config;
  if (includeThoughts !== undefined && typeof includeThoughts !== 'boolean') {
    return invalidArgument(
      `Invalid value at '${path}.include_thoughts' (TYPE_BOOL), ${JSON.stringify(includeThoughts)}`,
    );
  }
  if (budget !== undefined && !Number.isInteger(budget)) {
    return invalidArgument(
      `Invalid value at '${path}.thinking_budget' (TYPE_INT32), ${JSON.stringify(budget)}`,
    );
  }
  if (level !== undefined && (typeof level !== 'string' || !ALL_LEVELS.has(level.toUpperCase()))) {
    return invalidArgument(
      `Invalid value at '${path}.thinking_level' (type.googleapis.com/google.cloud.aiplatform.v1beta1.GenerationConfig.ThinkingConfig.ThinkingLevel), ${JSON.stringify(level)}`,
    );
  }
  if (budget !== undefined && level !== undefined) {
    return invalidArgument(
      'Unable to submit request because thinking_budget and thinking_level are not supported together.',
    );
  }
  if (typeof level === 'string') {
    if (!isGemini3Model(model)) {
      return invalidArgument(
        `Unable to submit request because thinking_level is not supported by this model (${model}).`,
      );
    }
    const allowed = thinkingLevelsFor(model);
    const normalized = level.toLowerCase();
    if (normalized !== 'thinking_level_unspecified' && !allowed.includes(normalized)) {
      return invalidArgument(
        `Unable to submit request because thinking_level ${level} is not supported by model ${model}. Supported values are: ${allowed.join(', ')}.`,
      );
    }
  }
  if (budget === 0 && model.includes('-pro')) {
    return invalidArgument('Budget 0 is invalid. This model only works in thinking mode.');
  }
  return undefined;
}
