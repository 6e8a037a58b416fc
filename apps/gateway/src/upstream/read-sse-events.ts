import { createSseDecoder } from '@geminicli2api/protocol-gemini';

/**
 * Yields the `data` payload of each server-sent event in a byte stream. UTF-8 sequences split
 * across network chunks are reassembled; the stream's lock is released when the consumer stops
 * early, so an abort propagates.
 */
export async function* readSseEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  const sse = createSseDecoder();
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      yield* sse.push(decoder.decode(value, { stream: true }));
    }
    yield* sse.push(decoder.decode());
    yield* sse.end();
  } finally {
    reader.releaseLock();
  }
}
