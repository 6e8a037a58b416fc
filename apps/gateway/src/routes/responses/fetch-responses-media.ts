import type { ResponsesInputItem } from '@geminicli2api/protocol-openai';
import { collectResponsesMediaUrls, type ResolvedMedia } from '@geminicli2api/translator';
import type { Logger } from 'winston';
import { GatewayError } from '../../gateway-error';
import { fetchRemoteMedia, type RemoteMediaOptions } from '../../media/fetch-remote-media';
import type { AbortLike } from '../../upstream/abort-flag';

/**
 * Fetches the http(s) images of Responses input with the chat route's fetcher (size cap,
 * timeout, SSRF guard); nothing is fetched, and nothing awaited, when there are none. A refused
 * URL is a 400 naming the input item that holds it.
 */
export async function fetchResponsesMedia(
  input: readonly ResponsesInputItem[],
  options: RemoteMediaOptions & { signal: AbortLike; logger: Logger },
): Promise<Map<string, ResolvedMedia> | undefined> {
  const urls = collectResponsesMediaUrls(input);
  if (urls.length === 0) return undefined;
  const asChat = {
    messages: urls.map((url) => ({
      role: 'user' as const,
      content: [{ type: 'image_url' as const, image_url: { url } }],
    })),
  };
  try {
    return await fetchRemoteMedia(asChat, urls, options);
  } catch (error) {
    const at = GatewayError.isInstance(error) ? /^messages\[(\d+)\]/.exec(error.param ?? '') : null;
    if (!GatewayError.isInstance(error) || !at) throw error;
    const url = urls[Number(at[1])];
    const index = input.findIndex((item) => JSON.stringify(item).includes(JSON.stringify(url)));
    const { message, code, status } = error;
    throw new GatewayError({ message, code, status, param: `input[${index}]`, cause: error });
  }
}
