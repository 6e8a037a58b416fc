import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { lookup as dnsLookupAsync } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import type { ResolvedMedia } from '@geminicli2api/translator';
import { Agent, fetch as undiciFetch, type Dispatcher } from 'undici';
import { isBlockedAddress } from './is-blocked-address';

/** Why the gateway refuses an image URL: the client's fault, answered with 400 or 413. */
export class ImageRefusedError extends Error {
  constructor(
    readonly reason: 'private-network' | 'not-an-image' | 'too-large',
    message: string,
  ) {
    super(message);
    this.name = 'ImageRefusedError';
  }
}

/** Bytes the images of one request may still take (shared by its concurrent fetches). */
export interface ByteBudget {
  remaining: number;
}

/** How one image is fetched. */
export interface FetchImageOptions {
  allowPrivateNetworks: boolean;
  maxRedirects: number;
  signal: AbortSignal;
  budget: ByteBudget;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Resolves like `dns.lookup` but fails when any address is blocked, so the address checked is
 * the address connected to (no DNS-rebinding window between check and connect).
 */
const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 0);
    if (addresses.length === 0 || addresses.some((entry) => isBlockedAddress(entry.address))) {
      return callback(blocked(`${hostname} resolves to a private network address`), '', 0);
    }
    if (options.all)
      return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    const [first] = addresses;
    callback(null, first?.address ?? '', first?.family ?? 4);
  });
};

let guardedAgent: Dispatcher | undefined;

/**
 * Fetches one image URL, following redirects by hand (SSRF guard on every hop unless private
 * networks are allowed). Throws {@link ImageRefusedError} for a blocked target, an answer that
 * is not `image/*`, or bytes past the request's budget; returns undefined for any other failure
 * (an error status, too many redirects), which the translator reports.
 */
export async function fetchImage(
  url: string,
  { allowPrivateNetworks, maxRedirects, signal, budget }: FetchImageOptions,
): Promise<ResolvedMedia | undefined> {
  let target = new URL(url);
  for (let redirects = 0; ; redirects++) {
    if (!allowPrivateNetworks) await assertPublicHost(target, redirects > 0);
    const answer = await undiciFetch(target, {
      signal,
      redirect: 'manual',
      ...(allowPrivateNetworks
        ? {}
        : { dispatcher: (guardedAgent ??= new Agent({ connect: { lookup: guardedLookup } })) }),
    });
    const location = answer.headers.get('location');
    if (REDIRECTS.has(answer.status) && location) {
      await answer.body?.cancel();
      if (redirects >= maxRedirects) return undefined;
      target = new URL(location, target);
      if (target.protocol !== 'http:' && target.protocol !== 'https:') return undefined;
      continue;
    }
    if (!answer.ok) {
      await answer.body?.cancel();
      return undefined;
    }
    const mimeType =
      (answer.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!/^image\/[a-z0-9.+-]+$/.test(mimeType)) {
      await answer.body?.cancel();
      throw new ImageRefusedError(
        'not-an-image',
        `The image URL answered with content type ${JSON.stringify(mimeType.slice(0, 60) || 'none')}, not an image (image/*).`,
      );
    }
    if (Number(answer.headers.get('content-length') ?? '0') > budget.remaining) {
      await answer.body?.cancel();
      throw tooLarge();
    }
    const bytes = await readWithin(answer.body, budget);
    return { mimeType, data: bytes.toString('base64') };
  }
}

/** The body, charged to `budget` as it arrives; past it the download stops. */
async function readWithin(
  body: ReadableStream<Uint8Array> | null,
  budget: ByteBudget,
): Promise<Buffer> {
  if (!body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) {
    budget.remaining -= chunk.byteLength;
    if (budget.remaining < 0) {
      await body.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function tooLarge(): ImageRefusedError {
  return new ImageRefusedError('too-large', 'too large');
}

function blocked(message: string): ImageRefusedError {
  return new ImageRefusedError('private-network', message);
}

async function assertPublicHost(target: URL, redirected: boolean): Promise<void> {
  const why = redirected ? 'it redirects to ' : '';
  const host = target.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) {
    if (isBlockedAddress(host)) throw blocked(`${why}${target.host}, a private network address`);
    return;
  }
  const addresses = await dnsLookupAsync(host, { all: true });
  if (addresses.some((entry) => isBlockedAddress(entry.address))) {
    throw blocked(`${why}${target.host}, which resolves to a private network address`);
  }
}
