import type { GenerateContentResponse } from '@geminicli2api/protocol-gemini';
import type { ResponsesStreamTranslator } from '@geminicli2api/translator';
import type { Logger } from 'winston';
import type { GatewayResponse } from '../../http/gateway-response';
import { awaitStreamDrain, streamDrainOptions } from '../../http/stream-backpressure';
import type { StreamSettings } from '../../http/stream-settings';
import { toOpenAIErrorResponse } from '../../middleware/error-handler';
import { keepSseAlive, startSse } from '../write-sse';
import { writeResponseEvents } from './write-response-events';
import { assertStreamFinished, logStreamFailure } from '../stream-failure';

/**
 * Relays the upstream stream as Responses events. Headers wait for the first upstream event, so a
 * failure before it is still a real HTTP error (429, 503…); after it, a failure ends the stream
 * with `response.failed` carrying the error, never a silent close.
 */
export async function pipeResponsesStream(
  events: AsyncIterable<GenerateContentResponse>,
  response: GatewayResponse,
  translator: ResponsesStreamTranslator,
  logger: Logger,
  settings: StreamSettings,
): Promise<void> {
  const iterator = events[Symbol.asyncIterator]();
  keepSseAlive(response, settings.keepaliveMs); // stops when the response closes
  let next = await iterator.next();
  startSse(response);
  writeResponseEvents(response, translator.start());
  try {
    const drainOptions = streamDrainOptions(response, logger, settings.clientStallTimeoutMs);
    while (!next.done) {
      writeResponseEvents(response, translator.push(next.value));
      const drained = awaitStreamDrain(response, drainOptions); // backpressure: see the helper
      if (drained) await drained;
      next = await iterator.next();
    }
    assertStreamFinished(translator.sawFinishReason);
    writeResponseEvents(response, translator.end());
  } catch (error) {
    if (response.destroyed) return;
    logStreamFailure(logger, response, error);
    const { error: body } = toOpenAIErrorResponse(error).body;
    writeResponseEvents(
      response,
      translator.fail({ code: body.code ?? body.type, message: body.message }),
    );
  } finally {
    response.end();
  }
}
