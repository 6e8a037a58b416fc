import { createSseDecoder, parseGoogleError } from '@geminicli2api/protocol-gemini';
import type { z } from 'zod';
import { GatewayError } from '../gateway-error';
import { gatewayErrorFromGoogle } from './upstream-error';

/**
 * Reads one upstream answer (a unary body or one stream event): a Google error object in it
 * becomes a `GatewayError` carrying that error; anything `schema` rejects is a 502 saying the
 * answer was not understood.
 */
export function parseUpstreamResponse<T>(
  value: unknown,
  schema: z.ZodType<T>,
  upstreamName: string,
): T {
  if (value && typeof value === 'object' && 'error' in value) {
    const google = parseGoogleError(value, 500);
    throw gatewayErrorFromGoogle(google.code, google, upstreamName, { defaultRetryAfter: true });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new GatewayError({
      code: 'UPSTREAM_BAD_ANSWER',
      status: 502,
      message: `${upstreamName} returned a response the gateway does not understand.`,
    });
  }
  return parsed.data;
}

/**
 * Each SSE event of an upstream body, parsed as JSON and passed through `map` (one generator for
 * the whole chain: a thousand streams produce tens of thousands of events a second). UTF-8
 * sequences split across network chunks are reassembled; an event that is not JSON is a 502, and
 * so is a 2xx that ends without a single event (an empty body, or an HTML page from a proxy):
 * never an empty success. Leaving the loop early stops the body, which aborts the upstream
 * request at once.
 */
export async function* readJsonEvents<T>(
  body: AsyncIterable<Uint8Array> | null,
  upstreamName: string,
  map: (value: unknown) => T,
): AsyncGenerator<T> {
  const decoder = new TextDecoder();
  const sse = createSseDecoder();
  const parse = (data: string) => parseUpstreamJson(data, `${upstreamName} sent a stream event`);
  let events = 0;
  let head = '';
  let bytes = 0;
  if (body) {
    for await (const chunk of body) {
      const text = decoder.decode(chunk, { stream: true });
      bytes += chunk.byteLength;
      if (events === 0 && head.length < HEAD_CHARS) head += text.slice(0, HEAD_CHARS);
      for (const data of sse.push(text)) {
        events++;
        yield map(parse(data));
      }
    }
  }
  for (const data of [...sse.push(decoder.decode()), ...sse.end()]) {
    events++;
    yield map(parse(data));
  }
  if (events === 0) throw noEvents(upstreamName, bytes, head);
}

/** How much of an eventless body a 502 quotes. */
const HEAD_CHARS = 80;

function noEvents(upstreamName: string, bytes: number, head: string): GatewayError {
  const quoted = head.replace(/\s+/g, ' ').trim().slice(0, HEAD_CHARS);
  return new GatewayError({
    code: 'UPSTREAM_BAD_ANSWER',
    status: 502,
    message:
      bytes === 0
        ? `${upstreamName} answered HTTP 200 without any stream event: an empty body.`
        : `${upstreamName} answered HTTP 200 without any stream event: ${bytes} bytes that are not a stream (they begin "${quoted}").`,
  });
}

/**
 * The `totalTokens` of a countTokens answer: `{}` is 0 (JSON omits a zero), anything else that
 * is not an object with a whole `totalTokens` is a 502 naming the upstream.
 */
export function readTotalTokens(value: unknown, upstreamName: string): number {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const { totalTokens } = value as { totalTokens?: unknown };
    if (totalTokens === undefined || totalTokens === null) return 0;
    if (typeof totalTokens === 'number' && Number.isInteger(totalTokens) && totalTokens >= 0)
      return totalTokens;
  }
  throw new GatewayError({
    code: 'UPSTREAM_BAD_ANSWER',
    status: 502,
    message: `${upstreamName} answered countTokens with a body that holds no token count.`,
  });
}

/** `JSON.parse`, failing with a 502 that says `what` (e.g. "Code Assist sent a stream event") was not JSON. */
export function parseUpstreamJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new GatewayError({
      code: 'UPSTREAM_BAD_ANSWER',
      status: 502,
      cause: error,
      message: `${what} that is not valid JSON.`,
    });
  }
}
