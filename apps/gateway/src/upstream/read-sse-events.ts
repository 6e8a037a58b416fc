import { createSseDecoder } from '@geminicli2api/protocol-gemini';

/**
 * Yields the `data` payload of each server-sent event in a byte stream. UTF-8 sequences split
 * across network chunks are reassembled. When the consumer stops early (client gone, error), the
 * loop's exit stops the body, which aborts the upstream request at once.
 */
export async function* readSseEvents(body: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  const sse = createSseDecoder();
  for await (const chunk of body) yield* sse.push(decoder.decode(chunk, { stream: true }));
  yield* sse.push(decoder.decode());
  yield* sse.end();
}
