import type { ServerResponse } from 'node:http';
import type { FaultEffects } from './apply-fault';
import type { CodeAssistEnvelope } from './frame-answer';
import { delay, startStream, writeChunk } from './http-io';

/** How a stream is written. */
export interface StreamWriteOptions {
  /** SSE (`alt=sse`) or Google's JSON-array stream. */
  sse: boolean;
  chunkDelayMs: number;
  effects: FaultEffects;
  signal: AbortSignal;
}

/** One SSE event: `data: <compact JSON>` and a blank line, CRLF-terminated. */
export function formatSseEvent(value: unknown): string {
  return `data: ${JSON.stringify(value)}\r\n\r\n`;
}

/**
 * Writes stream events as SSE (`data: …\r\n\r\n`, no `[DONE]`) or, without `alt=sse`, as one JSON
 * array (`[{…},\r\n{…}]`), waiting `chunkDelayMs` between events. Honours the reset and error
 * event faults; stops quietly when the client goes away.
 */
export async function writeStream(
  response: ServerResponse,
  events: readonly CodeAssistEnvelope[],
  options: StreamWriteOptions,
): Promise<void> {
  const { sse, chunkDelayMs, effects, signal } = options;
  startStream(response, sse);
  const frame = (value: unknown, index: number) =>
    sse ? formatSseEvent(value) : `${index === 0 ? '[' : ',\r\n'}${JSON.stringify(value)}`;
  for (let index = 0; index <= events.length; index++) {
    if (signal.aborted) return;
    if (effects.resetAfterEvents === index) {
      await flush(response);
      response.destroy();
      return;
    }
    if (effects.errorEvent !== undefined && effects.errorEvent.afterEvents === index) {
      response.end(`${frame({ error: effects.errorEvent.error }, index)}${sse ? '' : ']'}`);
      return;
    }
    const event = events[index];
    if (event === undefined) break;
    if (index > 0) await delay(chunkDelayMs, signal);
    if (signal.aborted) return;
    await writeChunk(response, frame(event, index), signal);
  }
  if (effects.resetAfterEvents !== undefined || effects.errorEvent !== undefined) {
    // The fault asked for more events than the answer has: apply it after the last one.
    if (effects.resetAfterEvents !== undefined) {
      await flush(response);
      response.destroy();
      return;
    }
    const error = effects.errorEvent?.error;
    response.end(`${frame({ error }, events.length)}${sse ? '' : ']'}`);
    return;
  }
  response.end(sse ? undefined : events.length === 0 ? '[]' : ']');
}

/** Resolves once everything written so far has been handed to the socket. */
function flush(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    response.write('', () => setImmediate(resolve));
  });
}
