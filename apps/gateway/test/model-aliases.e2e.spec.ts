import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { ConfigError, loadConfig } from '../src/config';
import { catalogFromConfig } from '../src/models/catalog-from-config';
import { startStack, type Stack } from './support/start-stack';

function upstreamModel(stack: Stack): unknown {
  const request = stack.emulator.requests.filter((entry) => entry.path.startsWith('/v1internal:'));
  return (request.at(-1)?.body as { model?: unknown } | undefined)?.model;
}

describe('MODEL_ALIASES and the built-in Claude table, on every surface', () => {
  let stack: Stack;
  let openai: OpenAI;
  let genai: GoogleGenAI;

  beforeAll(async () => {
    stack = await startStack({
      env: {
        MODEL_ALIASES:
          'claude-*haiku*=gemini-2.5-flash-lite, my-fast=gemini-2.5-flash-nothinking,gpt-*=gemini-2.5-pro',
      },
    });
    openai = new OpenAI({ baseURL: `${stack.url}/v1`, apiKey: stack.password, maxRetries: 0 });
    genai = new GoogleGenAI({ apiKey: stack.password, httpOptions: { baseUrl: stack.url } });
  });
  afterAll(() => stack.close());

  it('serves the id Claude Code sends by default with no setting, and reports the asked id', async () => {
    const completion = await openai.chat.completions.create({
      model: 'claude-opus-5-5',
      messages: [{ role: 'user', content: 'hello opus' }],
    });
    expect(completion.model).toBe('claude-opus-5-5');
    expect(completion.choices[0]?.message.content).toBe('Echo: hello opus');
    expect(upstreamModel(stack)).toBe('gemini-3.1-pro-preview');
  });

  it('lets a user glob win over the default table', async () => {
    const completion = await openai.chat.completions.create({
      model: 'claude-haiku-4-5-20251001',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(completion.model).toBe('claude-haiku-4-5-20251001');
    expect(upstreamModel(stack)).toBe('gemini-2.5-flash-lite');
  });

  it('streams under a glob alias, every chunk naming the asked id', async () => {
    const stream = await openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'stream please' }],
      stream: true,
    });
    const models = new Set<string>();
    for await (const chunk of stream) models.add(chunk.model);
    expect([...models]).toEqual(['gpt-4o-mini']);
    expect(upstreamModel(stack)).toBe('gemini-2.5-pro');
  });

  it('resolves an alias (with its variant) on the native Gemini surface', async () => {
    const response = await genai.models.generateContent({ model: 'my-fast', contents: 'native' });
    expect(response.text).toBe('Echo: native');
    const request = stack.emulator.requests.at(-1)?.body as {
      model: string;
      request: { generationConfig?: { thinkingConfig?: unknown } };
    };
    expect(request.model).toBe('gemini-2.5-flash');
    expect(request.request.generationConfig?.thinkingConfig).toEqual({ thinkingBudget: 0 });
  });

  it('resolves a user glob on the Anthropic surface, streamed, reporting the asked id', async () => {
    const anthropic = new Anthropic({ baseURL: stack.url, apiKey: stack.password, maxRetries: 0 });
    const message = await anthropic.messages
      .stream({
        model: 'claude-haiku-4-5-20251001',
        max_tokens: 100,
        messages: [{ role: 'user', content: 'hi from claude' }],
      })
      .finalMessage();
    expect(message.model).toBe('claude-haiku-4-5-20251001');
    expect(message.content).toEqual([{ type: 'text', text: 'Echo: hi from claude' }]);
    expect(upstreamModel(stack)).toBe('gemini-2.5-flash-lite');
  });

  it('resolves an alias (with its variant) on the Responses API', async () => {
    const response = await openai.responses.create({ model: 'my-fast', input: 'responses' });
    expect(response.model).toBe('my-fast');
    expect(response.output_text).toBe('Echo: responses');
    const request = stack.emulator.requests.at(-1)?.body as {
      model: string;
      request: { generationConfig?: { thinkingConfig?: unknown } };
    };
    expect(request.model).toBe('gemini-2.5-flash');
    expect(request.request.generationConfig?.thinkingConfig).toEqual({ thinkingBudget: 0 });
  });

  it('answers 404 for a name no alias or model matches', async () => {
    await expect(
      openai.chat.completions.create({
        model: 'llama-3',
        messages: [{ role: 'user', content: 'x' }],
      }),
    ).rejects.toMatchObject({ status: 404 });
  });
});

describe('MODEL_ALIASES configuration', () => {
  it('keeps the rules in order, trimmed', () => {
    expect(
      loadConfig({ MODEL_ALIASES: ' a-*=gemini-2.5-pro , b = gemini-2.5-flash' }).modelAliases,
    ).toEqual([
      { pattern: 'a-*', target: 'gemini-2.5-pro' },
      { pattern: 'b', target: 'gemini-2.5-flash' },
    ]);
  });

  it.each(['claude-opus', 'a=b=c', 'a=gemini 2'])(
    'refuses the malformed value %j at start',
    (value) => {
      expect(() => loadConfig({ MODEL_ALIASES: value })).toThrow(
        /MODEL_ALIASES: must look like alias=model/,
      );
    },
  );

  it('refuses a target that is no model, naming the rule', () => {
    const config = loadConfig({ MODEL_ALIASES: 'claude-*=gpt-9' });
    expect(() => catalogFromConfig(config)).toThrow(ConfigError);
    expect(() => catalogFromConfig(config)).toThrow(
      'MODEL_ALIASES: alias "claude-*" points to unknown model "gpt-9"',
    );
  });
});
