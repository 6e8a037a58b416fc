import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { GoogleGenAI } from '@google/genai';
import { loadConfig } from '../src/config';
import { catalogFromConfig } from '../src/models/catalog-from-config';
import { resolveFallbackChains } from '../src/models/model-fallbacks';
import { startStack, type Stack } from './support/start-stack';

const DEMO = 'demo-refresh-token';

function upstreamModels(stack: Stack): unknown[] {
  return stack.emulator.requests
    .filter((entry) => /^\/v1internal:(stream)?[gG]enerateContent$/.test(entry.path))
    .map((entry) => (entry.body as { model?: unknown }).model);
}

async function fallbackCount(stack: Stack): Promise<number> {
  const text = await (
    await fetch(`${stack.url}/metrics`, { headers: { authorization: `Bearer ${stack.password}` } })
  ).text();
  const line = text
    .split('\n')
    .find((entry) =>
      entry.startsWith(
        'geminicli2api_model_fallbacks_total{from="gemini-3.1-pro-preview",to="gemini-2.5-pro",reason="exhausted"}',
      ),
    );
  return line ? Number(line.split(' ').at(-1)) : 0;
}

describe('MODEL_FALLBACKS: the next model of a chain serves when the first is exhausted', () => {
  let stack: Stack;
  let openai: OpenAI;

  beforeAll(async () => {
    stack = await startStack({
      env: {
        MODEL_FALLBACKS: 'gemini-3.1-pro-preview>gemini-2.5-pro>gemini-2.5-flash',
        UPSTREAM_RETRY_BASE_DELAY_MS: '0',
      },
    });
    openai = new OpenAI({ baseURL: `${stack.url}/v1`, apiKey: stack.password, maxRetries: 0 });
  });
  afterAll(() => stack.close());
  beforeEach(() => {
    stack.emulator.account(DEMO).quota = {
      'gemini-3.1-pro-preview': { remainingFraction: 0 },
    };
    stack.emulator.clearRequests();
  });

  it('answers a chat from the second model, and says so in model and headers', async () => {
    const before = await fallbackCount(stack);
    const { data, response } = await openai.chat.completions
      .create({
        model: 'gemini-3.1-pro-preview',
        messages: [{ role: 'user', content: 'hello fallback' }],
        reasoning_effort: 'high',
      })
      .withResponse();
    expect(data.choices[0]?.message.content).toBe('Echo: hello fallback');
    expect(data.model).toBe('gemini-2.5-pro');
    expect(response.headers.get('x-geminicli2api-model')).toBe('gemini-2.5-pro');
    expect(response.headers.get('x-geminicli2api-fallback')).toBe(
      'gemini-3.1-pro-preview>gemini-2.5-pro',
    );
    expect(upstreamModels(stack).at(-1)).toBe('gemini-2.5-pro');
    // The 3.x thinking level became a 2.5 budget the fallback accepts.
    const sent = stack.emulator.requests.at(-1)?.body as {
      request: { generationConfig?: { thinkingConfig?: Record<string, unknown> } };
    };
    expect(sent.request.generationConfig?.thinkingConfig).not.toHaveProperty('thinkingLevel');
    // …and the client is told, as it would be had it asked for that model itself.
    expect(response.headers.get('x-geminicli2api-warnings')).toBe(
      'generationConfig.thinkingConfig.thinkingLevel',
    );
    expect(await fallbackCount(stack)).toBe(before + 1);
  });

  it('streams from the second model, every chunk naming it', async () => {
    const stream = await openai.chat.completions.create({
      model: 'gemini-3.1-pro-preview',
      messages: [{ role: 'user', content: 'stream fallback' }],
      stream: true,
    });
    let text = '';
    const models = new Set<string>();
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      models.add(chunk.model);
    }
    expect(text).toBe('Echo: stream fallback');
    expect([...models]).toEqual(['gemini-2.5-pro']);
  });

  it('falls back on the native Gemini surface too', async () => {
    const genai = new GoogleGenAI({ apiKey: stack.password, httpOptions: { baseUrl: stack.url } });
    const result = await genai.models.generateContent({
      model: 'gemini-3.1-pro-preview',
      contents: 'native fallback',
    });
    expect(result.text).toBe('Echo: native fallback');
    expect(result.sdkHttpResponse?.headers?.['x-geminicli2api-model']).toBe('gemini-2.5-pro');
  });

  it('leaves models outside a chain alone: an exhausted one still answers 429', async () => {
    stack.emulator.account(DEMO).quota = { 'gemini-3-flash-preview': { remainingFraction: 0 } };
    await expect(
      openai.chat.completions.create({
        model: 'gemini-3-flash-preview',
        messages: [{ role: 'user', content: 'x' }],
      }),
    ).rejects.toMatchObject({ status: 429 });
  });

  it('falls back on the Anthropic surface: a claude-*opus* id (the built-in alias) is served by the second model, and says so', async () => {
    const anthropic = new Anthropic({ baseURL: stack.url, apiKey: stack.password, maxRetries: 0 });
    const { data, response } = await anthropic.messages
      .create({
        model: 'claude-opus-4-5',
        max_tokens: 256,
        messages: [{ role: 'user', content: 'anthropic fallback' }],
      })
      .withResponse();
    expect(data.content).toEqual([{ type: 'text', text: 'Echo: anthropic fallback' }]);
    expect(data.model).toBe('gemini-2.5-pro');
    expect(response.headers.get('x-geminicli2api-fallback')).toBe(
      'gemini-3.1-pro-preview>gemini-2.5-pro',
    );
    expect(upstreamModels(stack).at(-1)).toBe('gemini-2.5-pro');

    const stream = anthropic.messages.stream({
      model: 'claude-opus-4-5',
      max_tokens: 256,
      messages: [{ role: 'user', content: 'anthropic stream fallback' }],
    });
    const final = await stream.finalMessage();
    expect(final.model).toBe('gemini-2.5-pro');
  });

  it('falls back on the Responses API, streamed and not, naming the model that served', async () => {
    const created = await openai.responses
      .create({ model: 'gemini-3.1-pro-preview', input: 'responses fallback', store: false })
      .withResponse();
    expect(created.data.output_text).toBe('Echo: responses fallback');
    expect(created.data.model).toBe('gemini-2.5-pro');
    expect(created.response.headers.get('x-geminicli2api-model')).toBe('gemini-2.5-pro');

    const stream = openai.responses.stream({
      model: 'gemini-3.1-pro-preview',
      input: 'responses stream fallback',
      store: false,
    });
    const final = await stream.finalResponse();
    const message = final.output.find((item) => item.type === 'message');
    expect(message?.type === 'message' && message.content[0]).toMatchObject({
      text: 'Echo: responses stream fallback',
    });
    expect(final.model).toBe('gemini-2.5-pro');
  });

  it('serves from the third model when the first two are exhausted', async () => {
    stack.emulator.account(DEMO).quota = {
      'gemini-3.1-pro-preview': { remainingFraction: 0 },
      'gemini-2.5-pro': { remainingFraction: 0 },
    };
    const { data, response } = await openai.chat.completions
      .create({ model: 'gemini-3.1-pro-preview', messages: [{ role: 'user', content: 'x' }] })
      .withResponse();
    expect(data.model).toBe('gemini-2.5-flash');
    expect(response.headers.get('x-geminicli2api-fallback')).toBe(
      'gemini-3.1-pro-preview>gemini-2.5-flash',
    );
  });
});

describe('MODEL_FALLBACKS: overloaded and not-found primaries', () => {
  let stack: Stack;
  let openai: OpenAI;

  beforeAll(async () => {
    stack = await startStack({
      env: {
        MODEL_FALLBACKS: 'gemini-2.5-pro>gemini-2.5-flash,gemini-9.9-pro>gemini-2.5-flash-lite',
        UPSTREAM_MAX_ATTEMPTS: '1',
      },
    });
    openai = new OpenAI({ baseURL: `${stack.url}/v1`, apiKey: stack.password, maxRetries: 0 });
  });
  afterAll(() => stack.close());

  it('serves from the next model when Google answers 503 (overloaded) for the primary', async () => {
    stack.emulator.script({
      match: { model: 'gemini-2.5-pro' },
      kind: 'server-error',
      status: 503,
      times: 1,
    });
    const { data, response } = await openai.chat.completions
      .create({ model: 'gemini-2.5-pro', messages: [{ role: 'user', content: 'busy?' }] })
      .withResponse();
    expect(data.model).toBe('gemini-2.5-flash');
    expect(response.headers.get('x-geminicli2api-fallback')).toBe(
      'gemini-2.5-pro>gemini-2.5-flash',
    );
    expect(stack.logs()).toMatch(/"reason":"overloaded"/);
  });

  it('serves from the next model when Google does not know the primary (404)', async () => {
    const { data } = await openai.chat.completions
      .create({ model: 'gemini-9.9-pro', messages: [{ role: 'user', content: 'new?' }] })
      .withResponse();
    expect(data.model).toBe('gemini-2.5-flash-lite');
    expect(data.choices[0]?.message.content).toBe('Echo: new?');
  });

  it('does not fall back on a client error Google answers (400)', async () => {
    stack.emulator.clearRequests();
    const genai = new GoogleGenAI({ apiKey: stack.password, httpOptions: { baseUrl: stack.url } });
    await expect(
      genai.models.generateContent({
        model: 'gemini-2.5-pro',
        contents: 'x',
        config: { temperature: 3 },
      }),
    ).rejects.toMatchObject({ status: 400 });
    expect(upstreamModels(stack)).toEqual(['gemini-2.5-pro']);
  });
});

describe('MODEL_FALLBACKS configuration', () => {
  it('reads chains and resolves aliases in them', () => {
    const config = loadConfig({
      MODEL_FALLBACKS: 'gemini-3.1-pro-preview > claude-haiku-4 , gemini-2.5-pro>gemini-2.5-flash',
    });
    expect(config.modelFallbacks).toEqual([
      ['gemini-3.1-pro-preview', 'claude-haiku-4'],
      ['gemini-2.5-pro', 'gemini-2.5-flash'],
    ]);
    const chains = resolveFallbackChains(catalogFromConfig(config), config.modelFallbacks);
    expect(chains.get('gemini-3.1-pro-preview')?.map((model) => model.id)).toEqual([
      'gemini-2.5-flash',
    ]);
  });

  it.each(['gemini-2.5-pro', 'a>>b', 'a>b c'])('refuses %j at start', (value) => {
    expect(() => loadConfig({ MODEL_FALLBACKS: value })).toThrow(/MODEL_FALLBACKS: must look like/);
  });

  it('refuses a chain naming an unknown model', () => {
    const config = loadConfig({ MODEL_FALLBACKS: 'gemini-2.5-pro>gpt-5' });
    expect(() => resolveFallbackChains(catalogFromConfig(config), config.modelFallbacks)).toThrow(
      'MODEL_FALLBACKS: "gpt-5" in "gemini-2.5-pro>gpt-5" is not a model the gateway knows',
    );
  });
});
