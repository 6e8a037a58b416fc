import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { lookup as dnsLookupAsync } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import type { ChatCompletionRequest } from '@geminicli2api/protocol-openai';
import type { ResolvedMedia } from '@geminicli2api/translator';
import { Agent, fetch as undiciFetch, type Dispatcher } from 'undici';
import type { Logger } from 'winston';
import { GatewayError } from '../gateway-error';
import { errorSummary } from '../middleware/error-handler';
import { isBlockedAddress } from './is-blocked-address';
import type { AbortLike } from '../upstream/abort-flag';

/** How the gateway fetches http(s) images a client names. */
export interface RemoteMediaOptions {
  /** `REMOTE_MEDIA_ALLOW_PRIVATE_NETWORKS`: allow loopback/private targets (default false). */
  allowPrivateNetworks: boolean;
  maxBytes?: number;
  timeoutMs?: number;
  maxRedirects?: number;
}

const DEFAULTS = { maxBytes: 20 * 1024 * 1024, timeoutMs: 10_000, maxRedirects: 3 };
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** A fetch target the gateway refuses (private network, bad redirect). */
class BlockedTargetError extends Error {}

/**
 * Resolves like `dns.lookup` but fails when any address is blocked, so the address checked is
 * the address connected to (no DNS-rebinding window between check and connect).
 */
const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 0);
    if (addresses.length === 0 || addresses.some((entry) => isBlockedAddress(entry.address))) {
      return callback(
        new BlockedTargetError(`${hostname} resolves to a private network address`),
        '',
        0,
      );
    }
    if (options.all)
      return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    const [first] = addresses;
    callback(null, first?.address ?? '', first?.family ?? 4);
  });
};

let guardedAgent: Dispatcher | undefined;

/**
 * Fetches the http(s) images of a request, `urls` (its `collectRemoteMediaUrls`), under a size
 * cap and one timeout for them all, the mime type from Content-Type. Unless private networks are allowed, a URL
 * whose host is or resolves to a loopback, private or link-local address, or that redirects to
 * one, is refused with 400 naming the content part (SSRF protection; redirects are followed by
 * hand, at most three). Any other failure leaves the URL out, and the translator answers 400
 * naming the part.
 */
export async function fetchRemoteMedia(
  request: Pick<ChatCompletionRequest, 'messages'>,
  urls: readonly string[],
  { signal, logger, ...given }: RemoteMediaOptions & { signal: AbortLike; logger: Logger },
): Promise<Map<string, ResolvedMedia>> {
  const media = new Map<string, ResolvedMedia>();
  const options = { ...DEFAULTS, ...given };
  const deadline = abortAfter(options.timeoutMs, signal);
  try {
    await fetchAll();
  } finally {
    deadline.stop();
  }
  return media;

  async function fetchAll(): Promise<void> {
    await Promise.all(
      urls.map(async (url) => {
        try {
          const result = await fetchOne(url, options, deadline.signal);
          if (result) media.set(url, result);
        } catch (error) {
          const blocked =
            error instanceof BlockedTargetError
              ? error
              : (error as { cause?: unknown } | null)?.cause;
          if (blocked instanceof BlockedTargetError) {
            throw new GatewayError({
              code: 'INVALID_REQUEST',
              status: 400,
              param: locateUrl(request, url),
              message: `Refusing to fetch the image URL: ${blocked.message}. Set REMOTE_MEDIA_ALLOW_PRIVATE_NETWORKS=true to allow it.`,
            });
          }
          logger.debug('remote media fetch failed', { error: errorSummary(error) });
        }
      }),
    );
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

async function fetchOne(
  url: string,
  options: Required<RemoteMediaOptions>,
  signal: AbortSignal,
): Promise<ResolvedMedia | undefined> {
  let target = new URL(url);
  for (let redirects = 0; ; redirects++) {
    if (!options.allowPrivateNetworks) await assertPublicHost(target, redirects > 0);
    const answer = await undiciFetch(target, {
      signal,
      redirect: 'manual',
      ...(options.allowPrivateNetworks
        ? {}
        : { dispatcher: (guardedAgent ??= new Agent({ connect: { lookup: guardedLookup } })) }),
    });
    const location = answer.headers.get('location');
    if (REDIRECTS.has(answer.status) && location) {
      await answer.body?.cancel();
      if (redirects >= options.maxRedirects) return undefined;
      target = new URL(location, target);
      if (target.protocol !== 'http:' && target.protocol !== 'https:') return undefined;
      continue;
    }
    const mimeType =
      (answer.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (
      !answer.ok ||
      mimeType === '' ||
      Number(answer.headers.get('content-length') ?? '0') > options.maxBytes
    ) {
      await answer.body?.cancel();
      return undefined;
    }
    const bytes = await readCapped(answer.body, options.maxBytes);
    return bytes ? { mimeType, data: bytes.toString('base64') } : undefined;
  }
}

async function assertPublicHost(target: URL, redirected: boolean): Promise<void> {
  const why = redirected ? 'it redirects to ' : '';
  const host = target.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) {
    if (isBlockedAddress(host))
      throw new BlockedTargetError(`${why}${target.host}, a private network address`);
    return;
  }
  const addresses = await dnsLookupAsync(host, { all: true });
  if (addresses.some((entry) => isBlockedAddress(entry.address))) {
    throw new BlockedTargetError(
      `${why}${target.host}, which resolves to a private network address`,
    );
  }
}

async function readCapped(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
): Promise<Buffer | undefined> {
  if (!body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      await body.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
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
