import { describeGeminiModel, type GeminiModelInfo } from '@geminicli2api/protocol-gemini';

/** Reads the models of one page of an upstream model list. */
export type ModelListParser = (page: unknown) => GeminiModelInfo[];

/** Reads one page of an upstream model list: its models and the next page's token. */
export type ModelListPage = (pageToken: string | undefined) => Promise<unknown>;

const MAX_PAGES = 20;

/** Follows `nextPageToken` through every page (at most 20) and merges what `parse` finds. */
export async function readAllPages(
  fetchPage: ModelListPage,
  parse: ModelListParser,
): Promise<GeminiModelInfo[]> {
  const models: GeminiModelInfo[] = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const body = await fetchPage(token);
    models.push(...parse(body));
    const next = (body as { nextPageToken?: unknown } | null)?.nextPageToken;
    if (typeof next !== 'string' || next === '') break;
    token = next;
  }
  return models;
}

const EMBED_METHODS = ['embedContent', 'batchEmbedContents'];

/**
 * The Gemini API's `GET /v1beta/models` page: models that generate or embed, described by the
 * catalog's rules for their id (thinking controls) with Google's own token limits.
 */
export function parseGeminiApiModels(page: unknown): GeminiModelInfo[] {
  const list = (page as { models?: unknown } | null)?.models;
  if (!Array.isArray(list)) return [];
  const models: GeminiModelInfo[] = [];
  for (const entry of list as Record<string, unknown>[]) {
    const name = typeof entry['name'] === 'string' ? entry['name'] : '';
    const id = name.replace(/^models\//, '');
    const methods = Array.isArray(entry['supportedGenerationMethods'])
      ? (entry['supportedGenerationMethods'] as unknown[])
      : [];
    const generates = methods.includes('generateContent');
    const embeds = methods.some((method) => EMBED_METHODS.includes(String(method)));
    if (!id || (!generates && !embeds)) continue;
    const described = describeGeminiModel(id);
    const info: GeminiModelInfo = {
      ...described,
      ...(typeof entry['displayName'] === 'string' ? { displayName: entry['displayName'] } : {}),
      ...(typeof entry['inputTokenLimit'] === 'number'
        ? { inputTokenLimit: entry['inputTokenLimit'] }
        : {}),
      ...(typeof entry['outputTokenLimit'] === 'number' && generates
        ? { outputTokenLimit: entry['outputTokenLimit'] }
        : {}),
    };
    if (!generates) {
      models.push({ ...info, kind: 'embedding', thinking: 'none' });
      continue;
    }
    models.push(info);
  }
  return models;
}

/** Vertex ids worth listing: Gemini and the text embedding models (not Imagen, Chirp, Veo…). */
const VERTEX_IDS = /^(gemini-|text-embedding-|text-multilingual-embedding-)/;

/** Vertex's `GET /v1beta1/publishers/google/models` page. */
export function parseVertexModels(page: unknown): GeminiModelInfo[] {
  const list = (page as { publisherModels?: unknown } | null)?.publisherModels;
  if (!Array.isArray(list)) return [];
  const models: GeminiModelInfo[] = [];
  for (const entry of list as Record<string, unknown>[]) {
    const name = typeof entry['name'] === 'string' ? entry['name'] : '';
    const id = name.slice(name.lastIndexOf('/') + 1);
    if (VERTEX_IDS.test(id)) models.push(describeGeminiModel(id));
  }
  return models;
}
