import type { GeminiThinkingConfig } from '@geminicli2api/protocol-gemini';
import type {
  ChatCompletionRequest,
  OpenAIGoogleThinkingConfig,
} from '@geminicli2api/protocol-openai';
import type { ModelTraits, ThinkingLevel } from '../model-traits';
import type { TranslationWarning } from '../translation-options';

/** An OpenAI `reasoning_effort` value. */
export type ReasoningEffort = 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh';

const BUDGETS: Record<Exclude<ReasoningEffort, 'none' | 'minimal' | 'xhigh'>, number> = {
  low: 1024,
  medium: 8192,
  high: 24576,
};

/**
 * `reasoning_effort` → `thinkingConfig` (translation.md §1.6): Google's budgets 1K/8K/24K on 2.5
 * models (with per-model minimums), `thinkingLevel` clamped to what a 3.x model supports. Never
 * sets both fields.
 */
export function thinkingForEffort(
  effort: ReasoningEffort,
  traits: ModelTraits,
): GeminiThinkingConfig {
  if (traits.thinking === 'level') {
    return { thinkingLevel: levelForEffort(effort, traits), includeThoughts: effort !== 'none' };
  }
  let budget: number;
  if (effort === 'none') budget = traits.pro ? 128 : 0;
  else if (effort === 'minimal') budget = traits.pro ? 128 : 512;
  else if (effort === 'xhigh') budget = traits.pro ? 32768 : 24576;
  else budget = BUDGETS[effort];
  return { thinkingBudget: budget, includeThoughts: effort !== 'none' };
}

function levelForEffort(effort: ReasoningEffort, traits: ModelTraits): ThinkingLevel {
  const has = (level: ThinkingLevel) => traits.levels.includes(level);
  switch (effort) {
    case 'none':
      return traits.levels[0] ?? 'low';
    case 'minimal':
      return has('minimal') ? 'minimal' : 'low';
    case 'medium':
      return has('medium') ? 'medium' : 'high';
    case 'low':
      return 'low';
    default:
      return 'high';
  }
}

function levelForBudget(budget: number, traits: ModelTraits): ThinkingLevel {
  if (budget <= 0) return traits.levels[0] ?? 'low';
  if (budget <= 1024) return 'low';
  if (budget <= 8192) return traits.levels.includes('medium') ? 'medium' : 'high';
  return 'high';
}

function budgetForLevel(level: string): number {
  const effort = level.toLowerCase();
  return effort === 'minimal' ? 512 : (BUDGETS[effort as keyof typeof BUDGETS] ?? -1);
}

/**
 * Picks the thinking settings of a request, by precedence: `google.thinking_config` (also nested
 * in `extra_body`) > `reasoning` > `thinking` > `reasoning_effort`. Returns `undefined` when the
 * client asked for nothing (the model default applies).
 */
export function convertThinkingConfig(
  request: ChatCompletionRequest,
  traits: ModelTraits,
  warnings: TranslationWarning[],
): GeminiThinkingConfig | undefined {
  const config = pickThinkingConfig(request, traits, warnings);
  if (config && traits.thinking === 'none') {
    warnings.push({
      param: 'reasoning_effort',
      message: 'This model does not think; thinking settings ignored.',
    });
    return undefined;
  }
  return config;
}

function pickThinkingConfig(
  request: ChatCompletionRequest,
  traits: ModelTraits,
  warnings: TranslationWarning[],
): GeminiThinkingConfig | undefined {
  const google = request.google ?? request.extra_body?.google;
  const explicit = google?.thinking_config ?? google?.thinkingConfig;
  if (explicit) return fromGoogleConfig(explicit, traits, warnings);
  const reasoning = request.reasoning;
  if (
    reasoning &&
    (reasoning.effort != null || reasoning.max_tokens != null || reasoning.exclude != null)
  ) {
    let config: GeminiThinkingConfig = {};
    if (reasoning.effort) {
      config = thinkingForEffort(reasoning.effort, traits);
      warnOnThinkingSwap('reasoning.effort', reasoning.effort, config, traits, warnings);
    } else if (reasoning.max_tokens != null)
      config = fromBudget(reasoning.max_tokens, traits, true);
    if (reasoning.exclude != null) config.includeThoughts = !reasoning.exclude;
    return config;
  }
  const thinking = request.thinking;
  if (thinking?.type === 'enabled') return fromBudget(thinking.budget_tokens ?? -1, traits, true);
  if (thinking?.type === 'disabled') {
    const config = thinkingForEffort('none', traits);
    warnOnThinkingSwap('thinking', 'none', config, traits, warnings);
    return config;
  }
  if (request.reasoning_effort) {
    const config = thinkingForEffort(request.reasoning_effort, traits);
    warnOnThinkingSwap('reasoning_effort', request.reasoning_effort, config, traits, warnings);
    return config;
  }
  return undefined;
}

/**
 * Tells the client when its effort could not be sent as asked: a Gemini 3 level the model does
 * not take (`minimal` or `medium` on a Pro model, which Google refuses) went as the nearest level
 * it does, and `none` on a model that cannot switch thinking off (Pro models, every Gemini 3)
 * went as the least thinking it allows.
 */
export function warnOnThinkingSwap(
  param: string,
  effort: ReasoningEffort,
  config: GeminiThinkingConfig,
  traits: ModelTraits,
  warnings: TranslationWarning[],
): void {
  if (effort === 'none') {
    const sent =
      config.thinkingLevel !== undefined
        ? `thinking level "${config.thinkingLevel}"`
        : config.thinkingBudget
          ? `a thinking budget of ${config.thinkingBudget} tokens`
          : undefined;
    if (sent)
      warnings.push({
        param,
        message: `${traits.id} cannot switch thinking off; the least it allows (${sent}) was sent.`,
      });
    return;
  }
  if (traits.thinking !== 'level' || (effort !== 'minimal' && effort !== 'medium')) return;
  if (config.thinkingLevel === effort) return;
  warnings.push({
    param,
    message: `${traits.id} does not take thinking level "${effort}"; "${config.thinkingLevel ?? ''}" was sent.`,
  });
}

/**
 * A thinking budget in tokens (Anthropic `budget_tokens`, OpenRouter `reasoning.max_tokens`) →
 * `thinkingBudget` on 2.5 (Pro never 0) or the nearest `thinkingLevel` on 3.x.
 */
export function thinkingForBudget(
  budget: number,
  traits: ModelTraits,
  includeThoughts: boolean,
): GeminiThinkingConfig {
  return fromBudget(budget, traits, includeThoughts);
}

function fromBudget(
  budget: number,
  traits: ModelTraits,
  includeThoughts: boolean,
): GeminiThinkingConfig {
  if (traits.thinking === 'level') {
    return budget < 0
      ? { includeThoughts }
      : { thinkingLevel: levelForBudget(budget, traits), includeThoughts };
  }
  return { thinkingBudget: budget === 0 && traits.pro ? 128 : budget, includeThoughts };
}

function fromGoogleConfig(
  config: OpenAIGoogleThinkingConfig,
  traits: ModelTraits,
  warnings: TranslationWarning[],
): GeminiThinkingConfig {
  const budget = config.thinking_budget ?? config.thinkingBudget ?? undefined;
  const level = config.thinking_level ?? config.thinkingLevel ?? undefined;
  const include = config.include_thoughts ?? config.includeThoughts ?? undefined;
  const out: GeminiThinkingConfig = {};
  if (level != null && traits.thinking === 'budget') {
    warnings.push({
      param: 'google.thinking_config.thinking_level',
      message: 'This model takes a thinking budget; the level was converted.',
    });
    out.thinkingBudget = budgetForLevel(level);
  } else if (level != null) {
    out.thinkingLevel = level.toLowerCase();
    if (budget != null)
      warnings.push({
        param: 'google.thinking_config.thinking_budget',
        message: 'thinking_budget and thinking_level cannot be combined; the budget was ignored.',
      });
  } else if (budget != null) out.thinkingBudget = budget;
  if (include != null) out.includeThoughts = include;
  return out;
}
