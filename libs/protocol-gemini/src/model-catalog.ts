/**
 * The Gemini models the gateway knows, with their token limits and thinking controls. Ids are the
 * bare names the Code Assist API expects (`gemini-2.5-pro`, never `models/gemini-2.5-pro`).
 */

/** A Gemini 3 `thinkingLevel`, in the upper case Google's enum (and the CLI) uses. */
export type GeminiThinkingLevel = 'MINIMAL' | 'LOW' | 'MEDIUM' | 'HIGH';

/** The `thinkingBudget` range a Gemini 2.5 model accepts. */
export interface GeminiThinkingBudgetRange {
  /** Smallest budget other than 0. */
  min: number;
  max: number;
  /** True when budget 0 (thinking off) is allowed; Pro models only work in thinking mode. */
  canDisable: boolean;
}

/** A model of the catalog. */
export interface GeminiModelInfo {
  id: string;
  displayName: string;
  description: string;
  inputTokenLimit: number;
  outputTokenLimit: number;
  /**
   * `budget`: Gemini 2.5 thinkingBudget; `level`: Gemini 3 thinkingLevel; `none`: no thinking
   * control known (extra ids the gateway cannot classify).
   */
  thinking: 'budget' | 'level' | 'none';
  /** Budget range, for `thinking: 'budget'`. */
  thinkingBudget?: GeminiThinkingBudgetRange;
  /** Supported levels, lowest first, for `thinking: 'level'`. */
  thinkingLevels?: readonly GeminiThinkingLevel[];
  /**
   * What the model does: `text` (generateContent; the default when absent), `image` (generates
   * images through generateContent) or `embedding` (embedContent / batchEmbedContents only).
   */
  kind?: GeminiModelKind;
}

/** What a model is for. */
export type GeminiModelKind = 'text' | 'image' | 'embedding';

const MILLION = 1_048_576;
const OUTPUT_LIMIT = 65_536;
const ALL_LEVELS: readonly GeminiThinkingLevel[] = ['MINIMAL', 'LOW', 'MEDIUM', 'HIGH'];
const WORDS: Record<string, string> = { gemini: 'Gemini', gemma: 'Gemma', it: 'IT' };

/** Models served by default, in the order the model lists show them. */
export const GEMINI_MODELS: readonly GeminiModelInfo[] = [
  'gemini-2.5-pro',
  'gemini-2.5-flash',
  'gemini-2.5-flash-lite',
  'gemini-3-pro-preview',
  'gemini-3-flash-preview',
  'gemini-3.1-pro-preview',
  'gemini-3.1-pro-preview-customtools',
  'gemini-3.1-flash-lite-preview',
  'gemini-3.1-flash-lite',
  'gemini-3.5-flash',
  'gemini-3-flash',
  'gemini-3.5-flash-lite',
  'gemini-3.1-flash-image',
  'gemini-3-pro-image',
  'gemini-2.5-flash-image',
  'gemini-embedding-001',
].map((id) => describeGeminiModel(id));

/** The kind of a model, from its id: `…embedding…` embeds, `…-image…` draws, the rest writes. */
export function modelKindOf(id: string): GeminiModelKind {
  if (/(^|-)embedding(-|$)/.test(id)) return 'embedding';
  if (/-image(-|$)/.test(id)) return 'image';
  return 'text';
}

/**
 * Builds a catalog entry for a model id from its name: the family decides the thinking control
 * (2.5 budgets with per-model ranges; 3.x levels, 3 Pro `low|high`, 3.1 Pro without `minimal`,
 * Flash and Flash-Lite all four). Used for the default catalog and for extra ids from config.
 */
export function describeGeminiModel(id: string): GeminiModelInfo {
  const displayName = displayNameFor(id);
  const base = {
    id,
    displayName,
    description: `${displayName} through geminicli2api`,
    inputTokenLimit: MILLION,
    outputTokenLimit: OUTPUT_LIMIT,
  };
  const kind = modelKindOf(id);
  if (kind === 'embedding')
    return { ...base, inputTokenLimit: 2048, outputTokenLimit: 1, thinking: 'none', kind };
  if (kind === 'image')
    return { ...base, inputTokenLimit: 65_536, outputTokenLimit: 32_768, thinking: 'none', kind };
  const family = /^gemini-(\d+)(?:\.(\d+))?-/.exec(id);
  const major = family ? Number(family[1]) : 0;
  const minor = family?.[2] ? Number(family[2]) : 0;
  if (major === 2 && minor === 5) {
    return { ...base, thinking: 'budget', thinkingBudget: budgetRangeFor(id) };
  }
  if (major >= 3) {
    const pro = /-pro(?:-|$)/.test(id);
    const levels: readonly GeminiThinkingLevel[] = !pro
      ? ALL_LEVELS
      : major === 3 && minor === 0
        ? ['LOW', 'HIGH']
        : ['LOW', 'MEDIUM', 'HIGH'];
    return { ...base, thinking: 'level', thinkingLevels: levels };
  }
  return { ...base, thinking: 'none' };
}

function budgetRangeFor(id: string): GeminiThinkingBudgetRange {
  if (/-pro(?:-|$)/.test(id)) return { min: 128, max: 32_768, canDisable: false };
  if (id.includes('flash-lite')) return { min: 512, max: 24_576, canDisable: true };
  return { min: 1, max: 24_576, canDisable: true };
}

function displayNameFor(id: string): string {
  return id
    .replace(/flash-lite/g, 'flash_lite')
    .split('-')
    .map(
      (word) =>
        WORDS[word] ??
        word.replace('flash_lite', 'Flash-Lite').replace(/^[a-z]/, (c) => c.toUpperCase()),
    )
    .join(' ')
    .replace(/Customtools/, '(Custom Tools)');
}

/** Strips a leading `models/` so clients may send either form. */
export function normalizeModelId(model: string): string {
  return model.startsWith('models/') ? model.slice('models/'.length) : model;
}

/** Finds a catalog entry by id (with or without `models/`). */
export function findGeminiModel(
  model: string,
  catalog: readonly GeminiModelInfo[] = GEMINI_MODELS,
): GeminiModelInfo | undefined {
  const id = normalizeModelId(model);
  return catalog.find((entry) => entry.id === id);
}
