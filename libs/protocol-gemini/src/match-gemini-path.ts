/**
 * The one reader of Gemini API paths: `/{version}/models`, `/{version}/models/{model}` and
 * `/{version}/models/{model}:{method}` (the model may carry its `models/` prefix), and Vertex AI's
 * `/v1/projects/{p}/locations/{l}/publishers/google/models/{model}:{method}`.
 */

/** What a Gemini API path names. */
export interface GeminiPath {
  /** `v1beta`, `v1alpha` or `v1`. */
  version: string;
  /** The model as it appears in the path (percent-encoded, maybe with `models/`); absent on a list. */
  model?: string;
  /** `generateContent`, `streamGenerateContent`, `countTokens`…; absent on a list or a get. */
  method?: string;
  /** True for the Vertex AI form (`…/publishers/google/models/…`). */
  vertex?: true;
}

const MODELS_PATH =
  /^\/(v1beta|v1alpha|v1)\/models(?:\/([^/]+?|models\/[^/]+?)(?::([A-Za-z]+))?)?\/?$/;
const VERTEX_PATH =
  /^\/(v1beta1|v1)\/projects\/[^/]+\/locations\/[^/]+\/publishers\/google\/models\/([^/:]+):([A-Za-z]+)$/;

/** Reads a Gemini API (or Vertex AI) path, or undefined when it is not one. */
export function matchGeminiPath(path: string): GeminiPath | undefined {
  const vertex = VERTEX_PATH.exec(path);
  if (vertex) {
    const [, version = '', model = '', method = ''] = vertex;
    return { version, model, method, vertex: true };
  }
  const match = MODELS_PATH.exec(path);
  if (!match) return undefined;
  const [, version = '', model, method] = match;
  return {
    version,
    ...(model !== undefined ? { model } : {}),
    ...(method !== undefined ? { method } : {}),
  };
}

/**
 * True for a path of the native Gemini surface: anything under `/v1beta/` or `/v1alpha/`, and a
 * method call `/v1/models/{model}:{method}` (`/v1/models` alone is also OpenAI's).
 */
export function isGeminiApiPath(path: string): boolean {
  if (/^\/(?:v1beta|v1alpha)(?:\/|$)/.test(path)) return true;
  const match = matchGeminiPath(path);
  return match?.version === 'v1' && !match.vertex && match.method !== undefined;
}
