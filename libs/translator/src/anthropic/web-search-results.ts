import type { AnthropicWebSearchResult } from '@geminicli2api/protocol-anthropic';
import { isRecord } from '../translation-options';

/** What a Google Search grounded answer searched for and found, in Anthropic's terms. */
export interface WebSearch {
  /** The queries Google ran (`webSearchQueries`). */
  queries: string[];
  /** Each web source once, in Google's order, as `web_search_result`s. */
  results: AnthropicWebSearchResult[];
}

/**
 * Reads a candidate's `groundingMetadata` (Google Search) as the web search an Anthropic
 * `web_search` server tool reports; undefined when it holds neither a query nor a web source.
 * Google gives no page contents to encrypt, so `encrypted_content` is empty.
 */
export function webSearchOf(metadata: unknown): WebSearch | undefined {
  if (!isRecord(metadata)) return undefined;
  const rawQueries = metadata['webSearchQueries'];
  const queries = Array.isArray(rawQueries)
    ? rawQueries.filter((query): query is string => typeof query === 'string' && query !== '')
    : [];
  const chunks = Array.isArray(metadata['groundingChunks']) ? metadata['groundingChunks'] : [];
  const results: AnthropicWebSearchResult[] = [];
  const seen = new Set<string>();
  for (const chunk of chunks) {
    const web = isRecord(chunk) ? chunk['web'] : undefined;
    if (!isRecord(web) || typeof web['uri'] !== 'string' || seen.has(web['uri'])) continue;
    seen.add(web['uri']);
    const title = typeof web['title'] === 'string' ? web['title'] : web['uri'];
    results.push({
      type: 'web_search_result',
      url: web['uri'],
      title,
      encrypted_content: '',
      page_age: null,
    });
  }
  if (queries.length === 0 && results.length === 0) return undefined;
  return { queries, results };
}
