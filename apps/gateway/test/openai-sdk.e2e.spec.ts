import OpenAI, { AuthenticationError, BadRequestError } from 'openai';
import { startOpenAIStack, type Stack } from './support/start-stack';

describe('the official openai SDK against the gateway and the emulator', () => {
  let stack: Stack;
  let client: OpenAI;

  beforeAll(async () => {
    ({ stack, client } = await startOpenAIStack());
  });
  afterAll(() => stack.close());

  it('answers a non-streamed chat with text, finish_reason and usage', async () => {
    const completion = await client.chat.completions.create({
      model: 'gemini-2.5-flash',
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'Hello there' },
      ],
    });
    expect(completion.object).toBe('chat.completion');
    expect(completion.id).toMatch(/^chatcmpl-/);
    expect(completion.model).toBe('gemini-2.5-flash');
    expect(completion.choices[0]?.message.content).toBe('Echo: Hello there');
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.usage?.prompt_tokens).toBeGreaterThan(0);
    expect(completion.usage?.total_tokens).toBe(
      (completion.usage?.prompt_tokens ?? 0) + (completion.usage?.completion_tokens ?? 0),
    );
    const upstream = stack.emulator.requests.filter(
      (request) => request.path === '/v1internal:generateContent',
    );
    expect(upstream.at(-1)?.body).toMatchObject({
      model: 'gemini-2.5-flash',
      project: 'demo-project',
      request: { systemInstruction: { parts: [{ text: 'You are terse.' }] } },
    });
  });

  it('streams: role first, the text in pieces, a finish chunk, usage, and [DONE]', async () => {
    const stream = await client.chat.completions.create({
      model: 'gemini-2.5-pro',
      messages: [{ role: 'user', content: 'Tell me a slightly longer story about streams' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: 'assistant', content: '' });
    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
    expect(text).toBe('Echo: Tell me a slightly longer story about streams');
    expect(chunks.filter((chunk) => chunk.choices[0]?.delta.content).length).toBeGreaterThan(1);
    const finish = chunks.find((chunk) => chunk.choices[0]?.finish_reason);
    expect(finish?.choices[0]?.finish_reason).toBe('stop');
    const last = chunks.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage?.completion_tokens).toBeGreaterThan(0);
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
  });

  it('ends the raw stream with data: [DONE]', async () => {
    const response = await fetch(`${stack.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.password}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'gemini-2.5-flash',
        stream: true,
        messages: [{ role: 'user', content: 'hi' }],
      }),
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const body = await response.text();
    expect(body.trimEnd().endsWith('data: [DONE]')).toBe(true);
  });

  it('lists the models', async () => {
    const ids = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toEqual(
      expect.arrayContaining(['gemini-2.5-pro', 'gemini-2.5-flash', 'gemini-3-pro-preview']),
    );
  });

  it('refuses a wrong password with 401 in the OpenAI error shape', async () => {
    const wrong = new OpenAI({
      baseURL: `${stack.url}/v1`,
      apiKey: 'not-the-password',
      maxRetries: 0,
    });
    const error = await wrong.models.list().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).error).toMatchObject({
      type: 'authentication_error',
      code: 'invalid_api_key',
    });
  });

  it('rejects a malformed body with 400 naming the bad field', async () => {
    const error = await client.chat.completions
      .create({ model: 'gemini-2.5-flash', messages: [{ role: 'robot', content: 'x' }] } as never)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).error).toMatchObject({ param: 'messages[0].role' });
    expect((error as BadRequestError).message).toContain('messages[0].role');
  });

  it("points Google's 400 at the chat message it names (the system message not counted upstream)", async () => {
    stack.emulator.script({
      kind: 'status',
      status: 400,
      match: { method: 'generateContent' },
      body: {
        error: {
          code: 400,
          message: "Invalid value at 'contents[1].parts[0]': bad part",
          status: 'INVALID_ARGUMENT',
        },
      },
    });
    const error = await client.chat.completions
      .create({
        model: 'gemini-2.5-flash',
        messages: [
          { role: 'system', content: 'You are terse.' },
          { role: 'user', content: 'a' },
          { role: 'assistant', content: 'b' },
          { role: 'user', content: 'c' },
        ],
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).error).toMatchObject({
      type: 'invalid_request_error',
      param: 'messages[2]',
    });
  });
});
