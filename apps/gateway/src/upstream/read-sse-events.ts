import { createSseDecoder } from '@geminicli2api/protocol-gemini';

/**
 * Yields the `data` payload of each server-sent event in a byte stream. UTF-8 sequences split
 * across network chunks are reassembled. When the consumer stops early (client gone, error), the
 * body is cancelled, which aborts the upstream request at once.
 */
export async function* readSseEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  const sse = createSseDecoder();
  const reader = body.getReader();
  let done = false;
  try {
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) break;
      const value = chunk.value;
      yield* sse.push(decoder.decode(value, { stream: true }));
    }
    yield* sse.push(decoder.decode());
    yield* sse.end();
    done = true;
  } finally {
    if (!done) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
