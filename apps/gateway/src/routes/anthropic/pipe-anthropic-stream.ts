import type { GenerateContentResponse } from '@geminicli2api/protocol-gemini';
import {
  createAnthropicStreamTranslator,
  type AnthropicStreamOptions,
} from '@geminicli2api/translator';
import type { Logger } from 'winston';
import type { GatewayResponse } from '../../http/gateway-response';
import { awaitStreamDrain, streamDrainOptions } from '../../http/stream-backpressure';
import type { StreamSettings } from '../../http/stream-settings';
import { startSse } from '../write-sse';
import { toAnthropicErrorResponse } from './anthropic-error-response';
import { keepAnthropicStreamAlive, writeAnthropicEvents } from './anthropic-sse';
import { assertStreamFinished, logStreamFailure } from '../stream-failure';

/**
 * Relays the upstream stream as Anthropic events. A failure before any byte went out is thrown
 * (a real HTTP error in Anthropic's shape); after it — including after a keepalive `ping` — it is
 * an `event: error` with an Anthropic error object and the stream ends without `message_stop`,
 * so clients know the answer is incomplete. An upstream stream that ends without a finish reason
 * is such a failure too.
 */
export async function pipeAnthropicStream(
  opening: Promise<AsyncIterable<GenerateContentResponse>>,
  response: GatewayResponse,
  options: AnthropicStreamOptions,
  logger: Logger,
  settings: StreamSettings,
): Promise<void> {
  const events = await opening;
  const translator = createAnthropicStreamTranslator(options);
  const iterator = events[Symbol.asyncIterator]();
  keepAnthropicStreamAlive(response, settings.keepaliveMs); // stops when the response closes
  try {
    let next = await iterator.next();
    startSse(response);
    const drainOptions = streamDrainOptions(response, logger, settings.clientStallTimeoutMs);
    while (!next.done) {
      writeAnthropicEvents(response, translator.push(next.value));
      const drained = awaitStreamDrain(response, drainOptions); // backpressure: see the helper
      if (drained) await drained;
      next = await iterator.next();
    }
    assertStreamFinished(translator.sawFinishReason);
    writeAnthropicEvents(response, translator.end());
    response.end();
  } catch (error) {
    if (!response.headersSent) throw error;
    if (response.destroyed) return;
    logStreamFailure(logger, response, error);
    const body = toAnthropicErrorResponse(error).body;
    response.end(`event: error\ndata: ${JSON.stringify(body)}\n\n`);
  }
}
