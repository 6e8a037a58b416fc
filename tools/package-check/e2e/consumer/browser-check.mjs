// Runs in headless Chromium (no Node): the published ES module builds of the protocol packages
// and the translator, loaded through an import map, convert a request and a byte stream.
import { createSseDecoder } from '@geminicli2api/protocol-gemini';
import { chatCompletionRequestSchema } from '@geminicli2api/protocol-openai';
import {
  convertChatRequestToGemini,
  createChatCompletionChunkTranslator,
} from '@geminicli2api/translator';

async function run() {
  const body = chatCompletionRequestSchema.parse({
    model: 'gemini-2.5-flash',
    messages: [
      { role: 'system', content: 'Answer briefly.' },
      { role: 'user', content: 'Say hello.' },
    ],
    max_tokens: 50,
  });
  const { request } = convertChatRequestToGemini(body, { model: 'gemini-2.5-flash' });

  const wire = new TextEncoder().encode(
    'data: {"candidates":[{"content":{"role":"model","parts":[{"text":"Hel"}]},"index":0}]}\r\n\r\n' +
      'data: {"candidates":[{"content":{"role":"model","parts":[{"text":"lo ✓"}]},"finishReason":"STOP","index":0}],' +
      '"usageMetadata":{"promptTokenCount":3,"candidatesTokenCount":2,"totalTokenCount":5}}\n\n',
  );
  // Seven bytes at a time: events, lines and the UTF-8 of "✓" are split across reads.
  let offset = 0;
  const bytes = new ReadableStream({
    pull(controller) {
      if (offset >= wire.length) return controller.close();
      controller.enqueue(wire.slice(offset, offset + 7));
      offset += 7;
    },
  });
  const reader = bytes.pipeThrough(new TextDecoderStream()).getReader();
  const decoder = createSseDecoder();
  const translator = createChatCompletionChunkTranslator({
    model: body.model,
    includeUsage: true,
  });
  const chunks = [];
  for (;;) {
    const { done, value } = await reader.read();
    const events = done ? decoder.end() : decoder.push(value);
    for (const data of events) chunks.push(...translator.push(JSON.parse(data)));
    if (done) break;
  }
  chunks.push(...translator.end());
  return { request, chunks, nodeGlobals: typeof process !== 'undefined' };
}

run().then(
  (result) => (globalThis.__result = result),
  (error) => (globalThis.__result = { error: String(error && error.stack ? error.stack : error) }),
);
