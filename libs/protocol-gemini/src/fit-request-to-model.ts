import type { GenerateContentRequest, GeminiGenerationConfig } from './generate-content-request';
import type { GeminiModelInfo, GeminiThinkingLevel } from './model-catalog';

/** A request adjusted to what its model accepts, and the fields that were changed. */
export interface FittedRequest {
  request: GenerateContentRequest;
  /** Paths of the changed fields, e.g. `generationConfig.maxOutputTokens`. */
  warnings: string[];
}

const LEVEL_ORDER: readonly GeminiThinkingLevel[] = ['MINIMAL', 'LOW', 'MEDIUM', 'HIGH'];
/** The budget a level stands for on a budget model (clamped to its range). */
const LEVEL_BUDGET: Record<GeminiThinkingLevel, number> = {
  MINIMAL: 0,
  LOW: 1024,
  MEDIUM: 8192,
  HIGH: Number.MAX_SAFE_INTEGER,
};

/**
 * Adjusts a request to its model instead of forwarding what Google would refuse: an output limit
 * above the model's is clamped; a `thinkingLevel` the model does not take becomes the nearest it
 * does (a budget on 2.5 models), a budget outside a 2.5 model's range is clamped (0 on a Pro
 * model becomes its minimum), a budget next to a level on Gemini 3 is dropped; penalties, which
 * Gemini 3 refuses, are dropped. The input is not modified.
 */
export function fitRequestToModel(
  request: GenerateContentRequest,
  model: GeminiModelInfo,
): FittedRequest {
  const config = request.generationConfig;
  if (!config) return { request, warnings: [] };
  const warnings: string[] = [];
  // Copied only when something changes: most requests pass through without an allocation.
  let next: GeminiGenerationConfig | undefined;
  const edit = (): GeminiGenerationConfig => (next ??= { ...config });
  if (config.maxOutputTokens !== undefined && config.maxOutputTokens > model.outputTokenLimit) {
    edit().maxOutputTokens = model.outputTokenLimit;
    warnings.push('generationConfig.maxOutputTokens');
  }
  if (model.thinking === 'level') {
    for (const key of ['presencePenalty', 'frequencyPenalty'] as const) {
      if (config[key] === undefined) continue;
      delete edit()[key];
      warnings.push(`generationConfig.${key}`);
    }
  }
  const thinking = config.thinkingConfig;
  if (thinking) {
    const fitted = fitThinking(thinking, model);
    if (fitted.changed) {
      edit().thinkingConfig = fitted.config;
      warnings.push(`generationConfig.thinkingConfig.${fitted.changed}`);
    }
  }
  if (!next) return { request, warnings };
  return { request: { ...request, generationConfig: next }, warnings };
}

type ThinkingConfig = NonNullable<GeminiGenerationConfig['thinkingConfig']>;

function fitThinking(
  thinking: ThinkingConfig,
  model: GeminiModelInfo,
): { config: ThinkingConfig; changed?: 'thinkingLevel' | 'thinkingBudget' } {
  const level = parseLevel(thinking.thinkingLevel);
  const budget = thinking.thinkingBudget;
  if (model.thinking === 'budget' && model.thinkingBudget) {
    const range = model.thinkingBudget;
    const clamp = (value: number) =>
      value === -1 || (value === 0 && range.canDisable)
        ? value
        : Math.min(range.max, Math.max(range.min, value));
    if (thinking.thinkingLevel !== undefined) {
      const { thinkingLevel: _dropped, ...rest } = thinking;
      const wanted = budget ?? (level === undefined ? -1 : LEVEL_BUDGET[level]);
      return { config: { ...rest, thinkingBudget: clamp(wanted) }, changed: 'thinkingLevel' };
    }
    if (budget !== undefined && clamp(budget) !== budget)
      return { config: { ...thinking, thinkingBudget: clamp(budget) }, changed: 'thinkingBudget' };
    return { config: thinking };
  }
  if (model.thinking === 'level' && model.thinkingLevels && level !== undefined) {
    if (budget !== undefined) {
      const { thinkingBudget: _dropped, ...rest } = thinking;
      const allowed = nearestLevel(level, model.thinkingLevels);
      return { config: { ...rest, thinkingLevel: allowed }, changed: 'thinkingBudget' };
    }
    const allowed = nearestLevel(level, model.thinkingLevels);
    if (allowed !== level)
      return { config: { ...thinking, thinkingLevel: allowed }, changed: 'thinkingLevel' };
  }
  return { config: thinking };
}

function parseLevel(value: string | undefined): GeminiThinkingLevel | undefined {
  const upper = value?.toUpperCase();
  return LEVEL_ORDER.find((level) => level === upper);
}

/** The level itself when allowed, else the next higher allowed one, else the highest. */
function nearestLevel(
  level: GeminiThinkingLevel,
  allowed: readonly GeminiThinkingLevel[],
): GeminiThinkingLevel {
  if (allowed.includes(level)) return level;
  const rank = LEVEL_ORDER.indexOf(level);
  return (
    allowed.find((candidate) => LEVEL_ORDER.indexOf(candidate) > rank) ??
    allowed[allowed.length - 1] ??
    level
  );
}
