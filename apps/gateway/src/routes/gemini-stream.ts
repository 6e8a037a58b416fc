import type { GenerateContentResponse } from '@geminicli2api/protocol-gemini';
import type { Logger } from 'winston';
import type { GatewayResponse } from '../http/gateway-response';
import { requestState } from '../http/request-state';
import type { StreamSettings } from '../http/stream-settings';
import { awaitStreamDrain, streamDrainOptions } from '../http/stream-backpressure';
import { errorSummary } from '../middleware/error-handler';
import { toGeminiErrorResponse } from '../middleware/gemini-error-handler';
import { keepSseAlive, startSse } from './write-sse';

/**
 * Relays upstream events the way Google streams them: with `alt=sse`, one `data: <json>\r\n\r\n`
 * event each; without it, one JSON array (`[` + objects separated by `,\r\n` + `]`). Headers wait
 * for the first event, so a failure before it is still a real HTTP error; a failure after it is
 * sent as a Google error object in the stream, which then ends cleanly. With `alt=sse`, idle
 * periods get `: keep-alive` comments (which send the headers early; a later failure is then
 * reported in the stream). A client that does not read pauses the upstream, and is dropped after
 * CLIENT_STALL_TIMEOUT_MS.
 */
export async function pipeGeminiStream(
  events: AsyncIterable<GenerateContentResponse>,
  response: GatewayResponse,
  { sse, logger, settings }: { sse: boolean; logger: Logger; settings: StreamSettings },
): Promise<void> {
  const iterator = events[Symbol.asyncIterator]();
  // SSE comments keep proxies from cutting a slow stream; clients (the @google/genai SDK
  // included) skip events that are not `data:`. A JSON array stream has no room for them.
  if (sse) keepSseAlive(response, settings.keepaliveMs);
  let next = await iterator.next();
  let index = 0;
  const frame = (value: unknown): string => {
    const json = JSON.stringify(value);
    const framed = sse ? `data: ${json}\r\n\r\n` : `${index === 0 ? '[' : ',\r\n'}${json}`;
    index++;
    return framed;
  };
  if (sse) {
    startSse(response);
  } else {
    response.statusCode = 200;
    response.setHeader('content-type', 'application/json; charset=utf-8');
    response.setHeader('cache-control', 'no-cache');
    response.flushHeaders();
  }
  const drainOptions = streamDrainOptions(response, logger, settings.clientStallTimeoutMs);
  try {
    while (!next.done) {
      response.write(frame(next.value));
      const drained = awaitStreamDrain(response, drainOptions); // backpressure: see the helper
      if (drained) await drained;
      next = await iterator.next();
    }
    if (!sse) response.write(index === 0 ? '[]' : ']');
  } catch (error) {
    if (response.destroyed) return;
    logger.warn('stream failed after it started', {
      requestId: requestState(response).requestId,
      error: errorSummary(error),
    });
    response.write(frame(toGeminiErrorResponse(error).body));
    if (!sse) response.write(']');
  } finally {
    response.end();
  }
}
