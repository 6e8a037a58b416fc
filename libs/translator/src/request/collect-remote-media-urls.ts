import type { ChatCompletionRequest } from '@geminicli2api/protocol-openai';
import { isGeminiReadableUrl } from './convert-content-parts';

/**
 * The http(s) media URLs a request references that Gemini cannot read itself. The translator is
 * synchronous and never fetches: a caller that wants remote images fetches these (with its own
 * size cap and timeout) and passes the results as `remoteMedia`.
 */
export function collectRemoteMediaUrls(request: Pick<ChatCompletionRequest, 'messages'>): string[] {
  const urls = new Set<string>();
  for (const message of request.messages) {
    const content = 'content' in message ? message.content : null;
    if (!Array.isArray(content)) continue;
    for (const part of content) {
      if (part.type !== 'image_url') continue;
      const url = part.image_url.url;
      if (/^https?:\/\//i.test(url) && !isGeminiReadableUrl(url)) urls.add(url);
    }
  }
  return [...urls];
}
