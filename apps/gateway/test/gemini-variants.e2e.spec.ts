import { DEFAULT_EMULATOR_MODELS } from '@geminicli2api/emulator';
import { startStack, type Stack } from './support/start-stack';

interface UpstreamBody {
  model: string;
  request: { tools?: unknown[]; generationConfig?: { thinkingConfig?: Record<string, unknown> } };
}

describe('model variants, as they reach the emulator', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({
      env: {
        GEMINI_MODEL_ALIASES: 'fast=gemini-2.5-flash-nothinking,pro=gemini-3.1-pro-preview',
        GEMINI_EXTRA_MODELS: 'gemini-2.5-flash-preview-09-2025',
      },
      emulator: {
        // The emulator's own list plus the model GEMINI_EXTRA_MODELS adds.
        models: [...DEFAULT_EMULATOR_MODELS, 'gemini-2.5-flash-preview-09-2025'],
      },
    });
  });
  afterAll(() => stack.close());

  async function generate(
    model: string,
    body: Record<string, unknown> = {},
  ): Promise<UpstreamBody> {
    const response = await fetch(`${stack.url}/v1beta/models/${model}:generateContent`, {
      method: 'POST',
      headers: { 'x-goog-api-key': stack.password, 'content-type': 'application/json' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hello' }] }], ...body }),
    });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`${response.status}: ${text}`);
    return stack.emulator.requests
      .filter((entry) => entry.path === '/v1internal:generateContent')
      .at(-1)?.body as UpstreamBody;
  }

  it.each([
    ['gemini-2.5-flash-nothinking', 'gemini-2.5-flash', { thinkingBudget: 0 }],
    ['gemini-2.5-flash-lite-nothinking', 'gemini-2.5-flash-lite', { thinkingBudget: 0 }],
    ['gemini-2.5-pro-nothinking', 'gemini-2.5-pro', { thinkingBudget: 128 }],
    ['gemini-2.5-pro-maxthinking', 'gemini-2.5-pro', { thinkingBudget: 32768 }],
    ['gemini-2.5-flash-maxthinking', 'gemini-2.5-flash', { thinkingBudget: 24576 }],
    ['gemini-3-pro-preview-nothinking', 'gemini-3-pro-preview', { thinkingLevel: 'LOW' }],
    ['gemini-3-flash-preview-nothinking', 'gemini-3-flash-preview', { thinkingLevel: 'MINIMAL' }],
    ['gemini-3.1-pro-preview-nothinking', 'gemini-3.1-pro-preview', { thinkingLevel: 'LOW' }],
    ['gemini-3-pro-preview-maxthinking', 'gemini-3-pro-preview', { thinkingLevel: 'HIGH' }],
    ['fast', 'gemini-2.5-flash', { thinkingBudget: 0 }],
    ['pro-nothinking', 'gemini-3.1-pro-preview', { thinkingLevel: 'LOW' }],
  ])('%s sends %s with thinkingConfig %j', async (name, model, thinking) => {
    const upstream = await generate(name);
    expect(upstream.model).toBe(model);
    expect(upstream.request.generationConfig?.thinkingConfig).toEqual(thinking);
    expect(upstream.request.tools).toBeUndefined();
  });

  it.each([
    ['gemini-2.5-flash-search', undefined],
    ['gemini-3-flash-preview-search-nothinking', { thinkingLevel: 'MINIMAL' }],
    ['gemini-2.5-pro-search-maxthinking', { thinkingBudget: 32768 }],
    ['gemini-2.5-flash-preview-09-2025-search', undefined],
  ])('%s adds the googleSearch tool (thinking %j)', async (name, thinking) => {
    const upstream = await generate(name);
    expect(upstream.request.tools).toEqual([{ googleSearch: {} }]);
    expect(upstream.request.generationConfig?.thinkingConfig).toEqual(thinking);
  });

  it('keeps the caller own thinkingConfig, tools and generationConfig; fills only the gaps', async () => {
    const declarations = {
      functionDeclarations: [{ name: 'lookup', parametersJsonSchema: { type: 'object' } }],
    };
    const upstream = await generate('gemini-2.5-flash-search-nothinking', {
      tools: [declarations],
      generationConfig: {
        temperature: 0.2,
        thinkingConfig: { thinkingBudget: 2048, includeThoughts: true },
      },
    });
    expect(upstream.request.generationConfig).toEqual({
      temperature: 0.2,
      thinkingConfig: { thinkingBudget: 2048, includeThoughts: true },
    });
    expect(upstream.request.tools).toEqual([declarations, { googleSearch: {} }]);
    const level = await generate('gemini-3-pro-preview-maxthinking', {
      generationConfig: { thinkingConfig: { thinkingLevel: 'low' } },
    });
    expect(level.request.generationConfig?.thinkingConfig).toEqual({ thinkingLevel: 'low' });
    const merged = await generate('gemini-2.5-pro-nothinking', {
      generationConfig: { thinkingConfig: { includeThoughts: false } },
    });
    expect(merged.request.generationConfig?.thinkingConfig).toEqual({
      includeThoughts: false,
      thinkingBudget: 128,
    });
    const searched = await generate('gemini-2.5-flash-search', {
      tools: [{ googleSearch: { timeRangeFilter: {} } }],
    });
    expect(searched.request.tools).toEqual([{ googleSearch: { timeRangeFilter: {} } }]);
  });

  it('applies variants on the OpenAI surface too (after reasoning_effort translation)', async () => {
    const chat = async (body: Record<string, unknown>) => {
      const response = await fetch(`${stack.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${stack.password}`, 'content-type': 'application/json' },
        body: JSON.stringify({ messages: [{ role: 'user', content: 'hello' }], ...body }),
      });
      expect(response.status).toBe(200);
      const completion = (await response.json()) as { model: string };
      const upstream = stack.emulator.requests
        .filter((entry) => entry.path === '/v1internal:generateContent')
        .at(-1)?.body as UpstreamBody;
      return { completion, upstream };
    };
    const { completion, upstream } = await chat({ model: 'gemini-2.5-pro-search-nothinking' });
    expect(completion.model).toBe('gemini-2.5-pro-search-nothinking');
    expect(upstream.model).toBe('gemini-2.5-pro');
    expect(upstream.request.tools).toEqual([{ googleSearch: {} }]);
    expect(upstream.request.generationConfig?.thinkingConfig).toMatchObject({
      thinkingBudget: 128,
    });
    const max = await chat({ model: 'models/gemini-3-flash-preview-maxthinking' });
    expect(max.upstream.request.generationConfig?.thinkingConfig).toMatchObject({
      thinkingLevel: 'HIGH',
    });
  });

  it('lists variants of extra models in the Google list; GET resolves an alias', async () => {
    const headers = { 'x-goog-api-key': stack.password };
    const google = (await (
      await fetch(`${stack.url}/v1beta/models?pageSize=1000`, { headers })
    ).json()) as { models: { name: string; thinking: boolean }[] };
    const names = google.models.map((model) => model.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'models/gemini-2.5-flash-preview-09-2025',
        'models/gemini-2.5-flash-preview-09-2025-search-maxthinking',
      ]),
    );
    expect(
      google.models.find((model) => model.name === 'models/gemini-2.5-flash-nothinking')?.thinking,
    ).toBe(false);
    const alias = (await (await fetch(`${stack.url}/v1beta/models/fast`, { headers })).json()) as {
      name: string;
      baseModelId: string;
    };
    expect(alias).toMatchObject({ name: 'models/fast', baseModelId: 'gemini-2.5-flash' });
  });
});
