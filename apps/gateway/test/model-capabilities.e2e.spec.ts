import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { postJson, startStack, type Stack } from './support/start-stack';

function lastUpstreamConfig(stack: Stack): Record<string, unknown> | undefined {
  const body = stack.emulator.requests.at(-1)?.body as {
    request?: { generationConfig?: Record<string, unknown> };
  };
  return body.request?.generationConfig;
}

describe('per-model capabilities: what Google would refuse is fitted, with a warning header', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('native: clamps the output limit, lifts a level the model lacks, drops Gemini 3 penalties', async () => {
    const response = await postJson(
      stack,
      '/v1beta/models/gemini-3.1-pro-preview:generateContent',
      {
        contents: [{ role: 'user', parts: [{ text: 'fit me' }] }],
        generationConfig: {
          maxOutputTokens: 128_000,
          presencePenalty: 0.4,
          thinkingConfig: { thinkingLevel: 'minimal' },
        },
      },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('x-geminicli2api-warnings')?.split(',')).toEqual([
      'generationConfig.maxOutputTokens',
      'generationConfig.presencePenalty',
      'generationConfig.thinkingConfig.thinkingLevel',
    ]);
    expect(lastUpstreamConfig(stack)).toEqual({
      maxOutputTokens: 65_536,
      thinkingConfig: { thinkingLevel: 'LOW' },
    });
  });

  it('native: a request the model accepts goes through unchanged, with no warning header', async () => {
    const response = await postJson(stack, '/v1beta/models/gemini-2.5-flash:generateContent', {
      contents: [{ role: 'user', parts: [{ text: 'fine' }] }],
      generationConfig: { maxOutputTokens: 100, thinkingConfig: { thinkingBudget: 512 } },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-geminicli2api-warnings')).toBeNull();
    expect(lastUpstreamConfig(stack)).toEqual({
      maxOutputTokens: 100,
      thinkingConfig: { thinkingBudget: 512 },
    });
  });

  it('OpenAI: a max_tokens above the model limit (as Claude-style clients send) is clamped and named', async () => {
    const client = new OpenAI({
      baseURL: `${stack.url}/v1`,
      apiKey: stack.password,
      maxRetries: 0,
    });
    const { data, response } = await client.chat.completions
      .create({
        model: 'gemini-2.5-flash',
        max_tokens: 128_000,
        messages: [{ role: 'user', content: 'long answer' }],
      })
      .withResponse();
    expect(data.choices[0]?.message.content).toBe('Echo: long answer');
    expect(response.headers.get('x-geminicli2api-warnings')).toContain(
      'generationConfig.maxOutputTokens',
    );
    expect(lastUpstreamConfig(stack)?.['maxOutputTokens']).toBe(65_536);
  });
  it('Anthropic: a thinking budget outside a 2.5 range and a max_tokens above the limit are fitted and named', async () => {
    const anthropic = new Anthropic({ baseURL: stack.url, apiKey: stack.password, maxRetries: 0 });
    const { data, response } = await anthropic.messages
      .create(
        {
          model: 'gemini-2.5-flash',
          max_tokens: 128_000,
          thinking: { type: 'enabled', budget_tokens: 50_000 },
          messages: [{ role: 'user', content: 'think hard' }],
        },
        { timeout: 60_000 }, // the SDK insists on streaming for a large max_tokens otherwise
      )
      .withResponse();
    expect(data.content.at(-1)).toMatchObject({ type: 'text', text: 'Echo: think hard' });
    expect(response.headers.get('x-geminicli2api-warnings')?.split(',')).toEqual([
      'generationConfig.maxOutputTokens',
      'generationConfig.thinkingConfig.thinkingBudget',
    ]);
    expect(lastUpstreamConfig(stack)).toMatchObject({
      maxOutputTokens: 65_536,
      thinkingConfig: { thinkingBudget: 24_576 },
    });
    // Pro models think at least 128 tokens: a smaller budget is raised to it.
    await anthropic.messages.create({
      model: 'gemini-2.5-pro',
      max_tokens: 1_000,
      thinking: { type: 'enabled', budget_tokens: 50 },
      messages: [{ role: 'user', content: 'think a little' }],
    });
    expect(lastUpstreamConfig(stack)).toMatchObject({ thinkingConfig: { thinkingBudget: 128 } });
  });

  it('Responses: a max_output_tokens above the model limit is clamped and named', async () => {
    const client = new OpenAI({
      baseURL: `${stack.url}/v1`,
      apiKey: stack.password,
      maxRetries: 0,
    });
    const { data, response } = await client.responses
      .create({ model: 'gemini-2.5-flash', max_output_tokens: 128_000, input: 'long essay' })
      .withResponse();
    expect(data.output_text).toBe('Echo: long essay');
    expect(response.headers.get('x-geminicli2api-warnings')).toContain(
      'generationConfig.maxOutputTokens',
    );
    expect(lastUpstreamConfig(stack)?.['maxOutputTokens']).toBe(65_536);
  });
  it('OpenAI and Responses: reasoning effort "minimal" on a Pro model goes up as "low", and says so', async () => {
    const client = new OpenAI({
      baseURL: `${stack.url}/v1`,
      apiKey: stack.password,
      maxRetries: 0,
    });
    const chat = await client.chat.completions
      .create({
        model: 'gemini-3.1-pro-preview',
        reasoning_effort: 'minimal',
        messages: [{ role: 'user', content: 'quick' }],
      })
      .withResponse();
    expect(chat.response.headers.get('x-geminicli2api-warnings')).toBe('reasoning_effort');
    expect(lastUpstreamConfig(stack)?.['thinkingConfig']).toMatchObject({ thinkingLevel: 'low' });
    const responses = await client.responses
      .create({ model: 'gemini-3.1-pro-preview', reasoning: { effort: 'minimal' }, input: 'quick' })
      .withResponse();
    expect(responses.response.headers.get('x-geminicli2api-warnings')).toBe('reasoning.effort');
    expect(lastUpstreamConfig(stack)?.['thinkingConfig']).toMatchObject({ thinkingLevel: 'low' });
  });
});
