import type {
  GenerateContentRequest,
  GeminiModelInfo,
  GeminiThinkingConfig,
  ResolvedGeminiModel,
} from '@geminicli2api/protocol-gemini';

const SEARCH_TOOL_KEYS = ['googleSearch', 'googleSearchRetrieval'];

/**
 * Applies a model variant to a request, filling only what the caller left out: `-search` adds
 * `{googleSearch: {}}` unless a search tool is already there; `-nothinking`/`-maxthinking` set
 * the lowest/highest thinking the model family allows (2.5: `thinkingBudget` within its range,
 * Pro never 0; 3.x: `thinkingLevel`) unless the caller already chose a budget or a level.
 * The input is not modified.
 */
export function applyVariant(
  request: GenerateContentRequest,
  resolved: ResolvedGeminiModel,
): GenerateContentRequest {
  const { variant, model } = resolved;
  let result = request;
  if (variant.search) {
    const tools = request.tools ?? [];
    const hasSearch = tools.some((tool) => SEARCH_TOOL_KEYS.some((key) => key in tool));
    if (!hasSearch) result = { ...result, tools: [...tools, { googleSearch: {} }] };
  }
  if (variant.thinking !== 'default') {
    const config = result.generationConfig ?? {};
    const thinking = config.thinkingConfig ?? {};
    const chosen = thinking.thinkingBudget !== undefined || thinking.thinkingLevel !== undefined;
    const setting = chosen ? undefined : thinkingSetting(model, variant.thinking);
    if (setting) {
      result = {
        ...result,
        generationConfig: { ...config, thinkingConfig: { ...thinking, ...setting } },
      };
    }
  }
  return result;
}

/** The thinking fields for `off`/`max` on a model, or undefined when it has no known control. */
export function thinkingSetting(
  model: GeminiModelInfo,
  mode: 'off' | 'max',
): GeminiThinkingConfig | undefined {
  if (model.thinking === 'budget' && model.thinkingBudget) {
    const range = model.thinkingBudget;
    if (mode === 'max') return { thinkingBudget: range.max };
    return { thinkingBudget: range.canDisable ? 0 : range.min };
  }
  if (model.thinking === 'level' && model.thinkingLevels && model.thinkingLevels.length > 0) {
    const levels = model.thinkingLevels;
    return { thinkingLevel: mode === 'max' ? levels[levels.length - 1] : levels[0] };
  }
  return undefined;
}
