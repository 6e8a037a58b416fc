/**
 * The Gemini models the gateway knows, with their token limits. Ids are the bare names the
 * Code Assist API expects (`gemini-2.5-pro`, never `models/gemini-2.5-pro`).
 */
export interface GeminiModelInfo {
  id: string;
  displayName: string;
  description: string;
  inputTokenLimit: number;
  outputTokenLimit: number;
  /** `budget`: Gemini 2.5 thinkingBudget; `level`: Gemini 3 thinkingLevel. */
  thinking: 'budget' | 'level';
}

const MILLION = 1_048_576;

/** Models served by default, in the order the model lists show them. */
export const GEMINI_MODELS: readonly GeminiModelInfo[] = [
  model('gemini-2.5-pro', 'Gemini 2.5 Pro', 'budget', 65_536),
  model('gemini-2.5-flash', 'Gemini 2.5 Flash', 'budget', 65_536),
  model('gemini-2.5-flash-lite', 'Gemini 2.5 Flash-Lite', 'budget', 65_536),
  model('gemini-3-pro-preview', 'Gemini 3 Pro Preview', 'level', 65_536),
  model('gemini-3-flash-preview', 'Gemini 3 Flash Preview', 'level', 65_536),
  model('gemini-3.1-pro-preview', 'Gemini 3.1 Pro Preview', 'level', 65_536),
  model('gemini-3.1-flash-lite-preview', 'Gemini 3.1 Flash-Lite Preview', 'level', 65_536),
];

function model(
  id: string,
  displayName: string,
  thinking: GeminiModelInfo['thinking'],
  outputTokenLimit: number,
): GeminiModelInfo {
  return {
    id,
    displayName,
    description: `${displayName} through geminicli2api`,
    inputTokenLimit: MILLION,
    outputTokenLimit,
    thinking,
  };
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
