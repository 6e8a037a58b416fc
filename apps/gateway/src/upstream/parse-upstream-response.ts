import { parseGoogleError } from '@geminicli2api/protocol-gemini';
import type { z } from 'zod';
import { GatewayError } from '../gateway-error';
import { readSseEvents } from './read-sse-events';

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
    throw new GatewayError({
      code: 'UPSTREAM_ERROR',
      status: google.code,
      upstream: google,
      message: google.message,
    });
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
 * The JSON value of each SSE event of an upstream body (a 200 without a body is a stream that
 * ended at once, which the route reports as incomplete); an event that is not JSON is a 502.
 */
export async function* readJsonEvents(
  body: AsyncIterable<Uint8Array> | null,
  upstreamName: string,
): AsyncGenerator<unknown> {
  if (!body) return;
  for await (const data of readSseEvents(body)) {
    try {
      yield JSON.parse(data);
    } catch (error) {
      throw new GatewayError({
        code: 'UPSTREAM_ERROR',
        status: 502,
        cause: error,
        message: `${upstreamName} sent a stream event that is not valid JSON.`,
      });
    }
  }
}
