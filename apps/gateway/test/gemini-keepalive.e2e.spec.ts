import { GoogleGenAI } from '@google/genai';
import { startStack, type Stack } from './support/start-stack';

describe('native SSE streams stay alive while the upstream is slow', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { SSE_KEEPALIVE_INTERVAL_MS: '50' } });
  });
  afterAll(() => stack.close());

  it('sends `: keep-alive` comments between slow events on alt=sse', async () => {
    stack.emulator.script({
      kind: 'slow',
      chunkDelayMs: 300,
      match: { method: 'streamGenerateContent' },
    });
    const response = await fetch(
      `${stack.url}/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse`,
      {
        method: 'POST',
        headers: { 'x-goog-api-key': stack.password, 'content-type': 'application/json' },
        body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'slow hello' }] }] }),
      },
    );
    const text = await response.text();
    expect(text).toMatch(/^data: .*\r\n\r\n(: keep-alive\n\n)+data: /s);
    expect(text).toContain('"finishReason":"STOP"');
  });

  it('the @google/genai SDK reads such a stream unchanged', async () => {
    stack.emulator.script({
      kind: 'slow',
      chunkDelayMs: 300,
      match: { method: 'streamGenerateContent' },
    });
    const ai = new GoogleGenAI({ apiKey: stack.password, httpOptions: { baseUrl: stack.url } });
    const stream = await ai.models.generateContentStream({
      model: 'gemini-2.5-flash',
      contents: 'slow sdk hello',
    });
    let text = '';
    for await (const chunk of stream) text += chunk.text ?? '';
    expect(text).toBe('Echo: slow sdk hello');
  });

  it('keeps the JSON array stream (no alt=sse) free of comments', async () => {
    stack.emulator.script({
      kind: 'slow',
      chunkDelayMs: 200,
      match: { method: 'streamGenerateContent' },
    });
    const response = await fetch(
      `${stack.url}/v1beta/models/gemini-2.5-flash:streamGenerateContent`,
      {
        method: 'POST',
        headers: { 'x-goog-api-key': stack.password, 'content-type': 'application/json' },
        body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'array hello' }] }] }),
      },
    );
    const parsed = JSON.parse(await response.text()) as unknown[];
    expect(parsed.length).toBeGreaterThan(0);
  });
});
