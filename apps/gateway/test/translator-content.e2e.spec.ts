import type OpenAI from 'openai';
import { BadRequestError } from 'openai';
import { postJson, startOpenAIStack, type Stack } from './support/start-stack';

const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

describe('content, structured output and reasoning through the gateway', () => {
  let stack: Stack;
  let client: OpenAI;

  beforeAll(async () => {
    ({ stack, client } = await startOpenAIStack());
  });
  afterAll(() => stack.close());

  const lastUpstream = () =>
    stack.emulator.requests.at(-1)?.body as {
      request: Record<string, unknown> & { contents: { parts: unknown[] }[] };
    };

  it('sends an image input as inlineData and the model sees it', async () => {
    const completion = await client.chat.completions.create({
      model: 'gemini-2.5-flash',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image_url', image_url: { url: `data:image/png;name=dot.png;base64,${PNG}` } },
          ],
        },
      ],
    });
    expect(completion.choices[0]?.message.content).toBe('Echo: What is this?\n[image/png]');
    expect(lastUpstream().request.contents[0]?.parts[1]).toEqual({
      inlineData: { mimeType: 'image/png', data: PNG },
    });
  });

  it('reads an image_url sent as a bare string, as some clients do', async () => {
    const response = await postJson(stack, '/v1/chat/completions', {
      model: 'gemini-2.5-flash',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'And this?' },
            { type: 'image_url', image_url: `data:image/png;base64,${PNG}` },
          ],
        },
      ],
    });
    expect(response.status).toBe(200);
    expect(lastUpstream().request.contents[0]?.parts[1]).toEqual({
      inlineData: { mimeType: 'image/png', data: PNG },
    });
  });

  it('answers a file_id part with 400 naming the part', async () => {
    const error = await client.chat.completions
      .create({
        model: 'gemini-2.5-flash',
        messages: [{ role: 'user', content: [{ type: 'file', file: { file_id: 'file-1' } }] }],
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).param).toBe('messages[0].content[0].file.file_id');
  });

  it.each([false, true])(
    'json_schema output parses and matches the schema (stream=%s)',
    async (stream) => {
      const schema = {
        $schema: 'http://json-schema.org/draft-07/schema#',
        type: 'object',
        properties: { city: { type: 'string' }, days: { type: 'integer', minimum: 1 } },
        required: ['city', 'days'],
        additionalProperties: false,
      };
      const request = {
        model: 'gemini-2.5-flash',
        messages: [{ role: 'user' as const, content: 'Plan a trip' }],
        response_format: {
          type: 'json_schema' as const,
          json_schema: { name: 'trip', schema, strict: true },
        },
      };
      let text = '';
      if (stream) {
        for await (const chunk of await client.chat.completions.create({
          ...request,
          stream: true,
        }))
          text += chunk.choices[0]?.delta.content ?? '';
      } else
        text = (await client.chat.completions.create(request)).choices[0]?.message.content ?? '';
      const parsed = JSON.parse(text) as Record<string, unknown>;
      expect(typeof parsed['city']).toBe('string');
      expect(Number.isInteger(parsed['days'])).toBe(true);
      expect(lastUpstream().request['generationConfig']).toMatchObject({
        responseMimeType: 'application/json',
        responseJsonSchema: { type: 'object' },
      });
    },
  );

  it.each([
    ['gemini-2.5-flash', { thinkingBudget: 8192, includeThoughts: true }],
    ['gemini-3-pro-preview', { thinkingLevel: 'high', includeThoughts: true }],
  ])('reasoning_effort medium on %s yields reasoning_content', async (model, thinkingConfig) => {
    const completion = await client.chat.completions.create({
      model,
      reasoning_effort: 'medium',
      messages: [{ role: 'user', content: 'Think first' }],
    });
    const message = completion.choices[0]?.message as {
      content: string | null;
      reasoning_content?: string;
    };
    expect(message.reasoning_content).toEqual(expect.stringContaining('Thinking'));
    expect(message.content).toBe('Echo: Think first');
    expect(completion.usage?.completion_tokens_details?.reasoning_tokens).toBeGreaterThan(0);
    expect(
      (lastUpstream().request['generationConfig'] as Record<string, unknown>)['thinkingConfig'],
    ).toEqual(thinkingConfig);
  });

  it('streams reasoning_content before the answer', async () => {
    let reasoning = '';
    let content = '';
    const stream = await client.chat.completions.create({
      model: 'gemini-2.5-flash',
      reasoning_effort: 'low',
      stream: true,
      messages: [{ role: 'user', content: 'Think first' }],
    });
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta as
        { content?: string | null; reasoning_content?: string } | undefined;
      if (delta?.reasoning_content) expect(content).toBe('');
      reasoning += delta?.reasoning_content ?? '';
      content += delta?.content ?? '';
    }
    expect(reasoning).toContain('Thinking');
    expect(content).toBe('Echo: Think first');
  });
});
