/** How a model family is steered to think. */
export type ThinkingStyle = 'budget' | 'level' | 'none';

/** A Gemini 3 `thinkingLevel`, lower case. */
export type ThinkingLevel = 'minimal' | 'low' | 'medium' | 'high';

/** What the translator needs to know about the target model. */
export interface ModelTraits {
  /** The bare model id, e.g. `gemini-3-pro-preview`. */
  id: string;
  /** Signature family: signatures are only valid within one (`gemini-3`, `gemini-2.5`, …). */
  family: string;
  /** Gemini 3: validates thought signatures, rejects penalties, uses `thinkingLevel`. */
  gemini3: boolean;
  thinking: ThinkingStyle;
  /** Pro models cannot switch thinking off. */
  pro: boolean;
  flashLite: boolean;
  /** `thinkingLevel` values the model accepts, lowest first. */
  levels: readonly ThinkingLevel[];
}

/**
 * Derives model traits from its id (`gemini-3*` → levels, everything else → budgets). `thinking`
 * overrides the style when the caller knows better (e.g. from a model catalog).
 */
export function detectModelTraits(model: string, thinking?: ThinkingStyle): ModelTraits {
  const id = model.startsWith('models/') ? model.slice('models/'.length) : model;
  const version = /^gemini-(\d+(?:\.\d+)?)/.exec(id)?.[1];
  const gemini3 = version !== undefined && Number.parseFloat(version) >= 3;
  const pro = id.includes('-pro');
  const flashLite = id.includes('flash-lite');
  let levels: readonly ThinkingLevel[] = ['minimal', 'low', 'medium', 'high'];
  if (pro) levels = version === '3' ? ['low', 'high'] : ['low', 'medium', 'high'];
  return {
    id,
    family: version === undefined ? id : gemini3 ? 'gemini-3' : `gemini-${version}`,
    gemini3,
    thinking: thinking ?? (gemini3 ? 'level' : 'budget'),
    pro,
    flashLite,
    levels,
  };
}
