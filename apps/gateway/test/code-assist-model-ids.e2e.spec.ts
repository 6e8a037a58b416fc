import type OpenAI from 'openai';
import { startOpenAIStack, type Stack } from './support/start-stack';

describe('gemini-3.5-flash on Code Assist', () => {
  let stack: Stack;
  let client: OpenAI;
  beforeAll(async () => {
    ({ stack, client } = await startOpenAIStack());
  });
  afterAll(() => stack.close());

  it('is listed, sent to Code Assist as gemini-3-flash, and echoed back under the name the client used', async () => {
    const ids = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toContain('gemini-3.5-flash');
    stack.emulator.clearRequests();
    const completion = await client.chat.completions.create({
      model: 'gemini-3.5-flash',
      messages: [{ role: 'user', content: 'which model?' }],
    });
    expect(completion.model).toBe('gemini-3.5-flash');
    expect(completion.choices[0]?.message.content).toBe('Echo: which model?');
    const sent = stack.emulator.requests.filter(
      (request) => request.path === '/v1internal:generateContent',
    );
    expect(sent.map((request) => (request.body as { model: string }).model)).toEqual([
      'gemini-3-flash',
    ]);
  });

  it('counts tokens under the Code Assist id too', async () => {
    stack.emulator.clearRequests();
    const response = await fetch(`${stack.url}/v1beta/models/gemini-3.5-flash:countTokens`, {
      method: 'POST',
      headers: { 'x-goog-api-key': stack.password, 'content-type': 'application/json' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'count me' }] }] }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { totalTokens: number }).totalTokens).toBeGreaterThan(0);
    const sent = stack.emulator.requests.find(
      (request) => request.path === '/v1internal:countTokens',
    );
    expect(sent?.body).toMatchObject({ request: { model: 'models/gemini-3-flash' } });
  });
});
