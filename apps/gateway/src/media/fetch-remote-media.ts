import type { ChatCompletionRequest } from '@geminicli2api/protocol-openai';
import type { ResolvedMedia } from '@geminicli2api/translator';
import type { Logger } from 'winston';
import { GatewayError } from '../gateway-error';
import { errorSummary } from '../middleware/error-handler';
import type { AbortLike } from '../upstream/abort-flag';
import { fetchImage, ImageRefusedError, type ByteBudget } from './fetch-image';

/** How the gateway fetches http(s) images a client names. */
export interface RemoteMediaOptions {
  /** `REMOTE_MEDIA_ALLOW_PRIVATE_NETWORKS`: allow loopback/private targets (default false). */
  allowPrivateNetworks: boolean;
  /** `REMOTE_MEDIA_MAX_URLS`: distinct URLs one request may name (default 16). */
  maxUrls?: number;
  /** `REMOTE_MEDIA_MAX_TOTAL_BYTES`: bytes all images of one request may take (default 20 MiB). */
  maxTotalBytes?: number;
  /** For all images of a request together (default 10 s). */
  timeoutMs?: number;
  maxRedirects?: number;
  /** URLs fetched at the same time, per request (default 4). */
  parallelism?: number;
}

const DEFAULTS = {
  maxUrls: 16,
  maxTotalBytes: 20 * 1024 * 1024,
  timeoutMs: 10_000,
  maxRedirects: 3,
  parallelism: 4,
};

/**
 * Fetches the http(s) images of a request, `urls` (its `collectRemoteMediaUrls`), the mime type
 * from Content-Type, under limits that answer the client, naming the part and the setting: more
 * than `maxUrls` URLs → 400 before any fetch; an answer that is not `image/*` → 400; more than
 * `maxTotalBytes` together → 413. Unless private networks are allowed, a URL whose host is or
 * resolves to a loopback, private, link-local or other special address, or that redirects to
 * one, is refused with 400 (SSRF protection; redirects are followed by hand, at most three).
 * At most `parallelism` URLs are fetched at once, all within one `timeoutMs`. Any other failure
 * leaves the URL out, and the translator answers 400 naming the part.
 */
export async function fetchRemoteMedia(
  request: Pick<ChatCompletionRequest, 'messages'>,
  urls: readonly string[],
  { signal, logger, ...given }: RemoteMediaOptions & { signal: AbortLike; logger: Logger },
): Promise<Map<string, ResolvedMedia>> {
  const options = { ...DEFAULTS, ...given };
  if (urls.length > options.maxUrls) {
    throw new GatewayError({
      code: 'INVALID_REQUEST',
      status: 400,
      param: locateUrl(request, urls[options.maxUrls] ?? ''),
      message: `The request names ${urls.length} image URLs; at most ${options.maxUrls} are fetched per request (REMOTE_MEDIA_MAX_URLS). Send the others as base64 data URLs.`,
    });
  }
  const media = new Map<string, ResolvedMedia>();
  const budget: ByteBudget = { remaining: options.maxTotalBytes };
  const deadline = abortAfter(options.timeoutMs, signal);
  const fetchOne = async (url: string): Promise<void> => {
    try {
      const result = await fetchImage(url, { ...options, signal: deadline.signal, budget });
      if (result) media.set(url, result);
    } catch (error) {
      const refused = error instanceof ImageRefusedError ? error : causeOf(error);
      if (refused) throw refusal(refused, locateUrl(request, url), options.maxTotalBytes);
      logger.debug('remote media fetch failed', { error: errorSummary(error) });
    }
  };
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let url = urls[next++]; url !== undefined; url = urls[next++]) await fetchOne(url);
  };
  try {
    await Promise.all(Array.from({ length: Math.min(options.parallelism, urls.length) }, worker));
  } finally {
    next = urls.length; // a refusal stops the other workers too
    deadline.stop();
  }
  return media;
}

/** A refusal found inside a fetch failure (a blocked address fails the connect). */
function causeOf(error: unknown): ImageRefusedError | undefined {
  const cause = (error as { cause?: unknown } | null)?.cause;
  return cause instanceof ImageRefusedError ? cause : undefined;
}

function refusal(error: ImageRefusedError, param: string | null, maxTotalBytes: number) {
  switch (error.reason) {
    case 'private-network':
      return new GatewayError({
        code: 'INVALID_REQUEST',
        status: 400,
        param,
        message: `Refusing to fetch the image URL: ${error.message}. Set REMOTE_MEDIA_ALLOW_PRIVATE_NETWORKS=true to allow it.`,
      });
    case 'not-an-image':
      return new GatewayError({
        code: 'INVALID_REQUEST',
        status: 400,
        param,
        message: error.message,
      });
    case 'too-large':
      return new GatewayError({
        code: 'INVALID_REQUEST',
        status: 413,
        param,
        message: `The images of this request come to more than ${maxTotalBytes} bytes (REMOTE_MEDIA_MAX_TOTAL_BYTES). Send fewer or smaller images.`,
      });
  }
}

/**
 * A signal that aborts after `ms`, or when `clientGone` does; `stop()` aborts it and releases both. A plain
 * timer and controller: `AbortSignal.any([…, AbortSignal.timeout()])` stops firing once a garbage
 * collection ran on Node 20 (nodejs/node#57736), which left a never-answering image URL hanging
 * its request for ever.
 */
function abortAfter(ms: number, clientGone: AbortLike): { signal: AbortSignal; stop(): void } {
  const controller = new AbortController();
  const timer = setTimeout(
    () =>
      controller.abort(
        new DOMException(`The image URLs were not fetched within ${ms} ms`, 'TimeoutError'),
      ),
    ms,
  );
  const onGone = () => controller.abort(clientGone.reason);
  if (clientGone.aborted) onGone();
  else clientGone.addEventListener('abort', onGone);
  return {
    signal: controller.signal,
    stop() {
      clearTimeout(timer);
      controller.abort(); // fetches still running once the request gave up (a refused URL)
      clientGone.removeEventListener('abort', onGone);
    },
  };
}

/** OpenAI path of the first content part naming `url`. */
function locateUrl(request: Pick<ChatCompletionRequest, 'messages'>, url: string): string | null {
  for (const [i, message] of request.messages.entries()) {
    const content = 'content' in message ? message.content : null;
    if (!Array.isArray(content)) continue;
    for (const [j, part] of content.entries()) {
      if (part.type === 'image_url' && part.image_url.url === url)
        return `messages[${i}].content[${j}].image_url.url`;
    }
  }
  return null;
}
