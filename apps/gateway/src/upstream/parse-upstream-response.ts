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
    throw gatewayErrorFromGoogle(google.code, google, upstreamName);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new GatewayError({
      code: 'UPSTREAM_ERROR',
      status: 502,
      message: `${upstreamName} returned a response the gateway does not understand.`,
    });
  }
  return parsed.data;
}

/**
 * Each SSE event of an upstream body, parsed as JSON and passed through `map` (one generator for
 * the whole chain: a thousand streams produce tens of thousands of events a second). UTF-8
 * sequences split across network chunks are reassembled; a 200 without a body is a stream that
 * ended at once (the route reports it as incomplete); an event that is not JSON is a 502.
 * Leaving the loop early stops the body, which aborts the upstream request at once.
 */
export async function* readJsonEvents<T>(
  body: AsyncIterable<Uint8Array> | null,
  upstreamName: string,
  map: (value: unknown) => T,
): AsyncGenerator<T> {
  if (!body) return;
  const decoder = new TextDecoder();
  const sse = createSseDecoder();
  const parse = (data: string) => parseUpstreamJson(data, `${upstreamName} sent a stream event`);
  for await (const chunk of body) {
    for (const data of sse.push(decoder.decode(chunk, { stream: true }))) yield map(parse(data));
  }
  for (const data of [...sse.push(decoder.decode()), ...sse.end()]) yield map(parse(data));
}

/** `JSON.parse`, failing with a 502 that says `what` (e.g. "Code Assist sent a stream event") was not JSON. */
export function parseUpstreamJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new GatewayError({
      code: 'UPSTREAM_ERROR',
      status: 502,
      cause: error,
      message: `${what} that is not valid JSON.`,
    });
  }
}
