import type { GeminiGenerateRequest } from './gemini-types';
import type { JsonObject } from './json-object';

/** True when the request enables Google Search grounding (`googleSearch`, either spelling). */
export function usesGoogleSearch(request: GeminiGenerateRequest): boolean {
  return (request.tools ?? []).some((tool) => 'googleSearch' in tool || 'google_search' in tool);
}

/**
 * The `groundingMetadata` a Google Search grounded answer carries, made up deterministically: one
 * query (the answer's text), two web sources under example.com, and one support covering the
 * whole text (indices are UTF-8 byte offsets, as Google's are).
 */
export function fakeGrounding(text: string): JsonObject {
  const slug = encodeURIComponent(text.slice(0, 40));
  return {
    webSearchQueries: [text],
    searchEntryPoint: { renderedContent: '<div>search suggestions</div>' },
    groundingChunks: [
      { web: { uri: `https://example.com/search/${slug}`, title: 'example.com' } },
      { web: { uri: `https://example.org/news/${slug}`, title: 'example.org' } },
    ],
    groundingSupports: [
      {
        segment: { startIndex: 0, endIndex: new TextEncoder().encode(text).length, text },
        groundingChunkIndices: [0, 1],
      },
    ],
  };
}
