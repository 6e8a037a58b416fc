import Anthropic, {
  AuthenticationError,
  BadRequestError,
  NotFoundError,
  OverloadedError,
  RateLimitError,
} from '@anthropic-ai/sdk';
import { decodeThinkingSignature } from '@geminicli2api/translator/internal';
import { FAST_RETRIES } from './support/resilience-helpers';
import { startStack, type Stack } from './support/start-stack';

/** A 1×1 PNG. */
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

const weatherTool = {
  name: 'get_weather',
  description: 'The weather in a city',
  input_schema: {
    type: 'object' as const,
    properties: { city: { type: 'string' } },
    required: ['city'],
  },
};

describe('the official @anthropic-ai/sdk against the gateway and the emulator', () => {
  let stack: Stack;
  let client: Anthropic;

  beforeAll(async () => {
    stack = await startStack({ env: { ...FAST_RETRIES, UPSTREAM_MAX_ATTEMPTS: '1' } });
    client = new Anthropic({ baseURL: stack.url, apiKey: stack.password, maxRetries: 0 });
  });
  afterAll(() => stack.close());

  const upstreamBodies = (method: string) =>
    stack.emulator.requests
      .filter((request) => request.path === `/v1internal:${method}`)
      .map((request) => request.body as { request: Record<string, unknown> });

  it('creates a message: text, end_turn, usage, the requested model, system as blocks', async () => {
    const message = await client.messages.create(
      {
        model: 'gemini-2.5-flash',
        max_tokens: 128000,
        system: [{ type: 'text', text: 'You are terse.', cache_control: { type: 'ephemeral' } }],
        messages: [{ role: 'user', content: 'Hello there' }],
        metadata: { user_id: 'someone' },
      },
      { timeout: 60_000 },
    ); // the SDK insists on streaming for a large max_tokens otherwise
    expect(message.id).toMatch(/^msg_/);
    expect(message.model).toBe('gemini-2.5-flash');
    expect(message.content).toEqual([{ type: 'text', text: 'Echo: Hello there' }]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage.input_tokens).toBeGreaterThan(0);
    expect(message.usage.output_tokens).toBeGreaterThan(0);
    expect(upstreamBodies('generateContent').at(-1)?.request).toMatchObject({
      systemInstruction: { parts: [{ text: 'You are terse.' }] },
      generationConfig: { maxOutputTokens: 65536 },
    });
  });

  it('streams the events Anthropic sends, through the beta endpoint (?beta=true)', async () => {
    const stream = await client.beta.messages.create({
      model: 'gemini-2.5-pro',
      max_tokens: 1000,
      messages: [{ role: 'user', content: 'Tell me a slightly longer story about streams' }],
      stream: true,
      betas: ['interleaved-thinking-2025-05-14'],
    });
    const types: string[] = [];
    let text = '';
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'content_block_delta' && event.delta.type === 'text_delta')
        text += event.delta.text;
    }
    expect(text).toBe('Echo: Tell me a slightly longer story about streams');
    expect(types[0]).toBe('message_start');
    expect(types.slice(-2)).toEqual(['message_delta', 'message_stop']);
    expect(types.filter((type) => type === 'content_block_delta').length).toBeGreaterThan(1);
    expect(types).toContain('content_block_start');
    expect(types).toContain('content_block_stop');
  });

  it('round-trips a two-turn tool call on Gemini 3 with thinking: the signature returns to its call', async () => {
    const request = {
      model: 'gemini-3-pro-preview',
      max_tokens: 4096,
      thinking: { type: 'enabled' as const, budget_tokens: 2048 },
      tools: [weatherTool],
    };
    const first = await client.messages
      .stream({
        ...request,
        messages: [{ role: 'user', content: 'Weather? [[call get_weather {"city":"Paris"}]]' }],
      })
      .finalMessage();
    expect(first.stop_reason).toBe('tool_use');
    expect(first.content.map((block) => block.type)).toEqual(['thinking', 'tool_use']);
    const call = first.content[1];
    if (call?.type !== 'tool_use') throw new Error('expected a tool_use block');
    expect(call.id).toMatch(/^toolu_/);
    expect(call.input).toEqual({ city: 'Paris' });
    // The thinking block carries the emulator's signature of that call.
    const thinking = first.content[0];
    if (thinking?.type !== 'thinking') throw new Error('expected a thinking block');
    const issued = decodeThinkingSignature(thinking.signature, 'gemini-3')?.[0]?.signature ?? '';
    expect(Buffer.from(issued, 'base64').toString()).toMatch(/^emu-sig:gemini-3-pro-preview:/);

    const second = await client.messages.create({
      ...request,
      messages: [
        { role: 'user', content: 'Weather? [[call get_weather {"city":"Paris"}]]' },
        { role: 'assistant', content: first.content },
        {
          role: 'user',
          content: [{ type: 'tool_result', tool_use_id: call.id, content: '18C, cloudy' }],
        },
      ],
    });
    expect(second.content.at(-1)).toMatchObject({
      type: 'text',
      text: 'Results: get_weather={"output":"18C, cloudy"}',
    });
    const replayed = upstreamBodies('generateContent').at(-1)?.request as {
      contents: { role: string; parts: Record<string, unknown>[] }[];
    };
    expect(replayed.contents[1]?.parts).toEqual([
      {
        functionCall: { name: 'get_weather', args: { city: 'Paris' } },
        thoughtSignature: issued,
      },
    ]);
    // The emulator checks the value, as Google does: an edited signature is refused.
    const edited = { ...thinking, signature: thinking.signature.replace(/.{8}$/, 'AAAAAAAA') };
    const refused = await client.messages
      .create({
        ...request,
        messages: [
          { role: 'user', content: 'Weather? [[call get_weather {"city":"Paris"}]]' },
          { role: 'assistant', content: [edited, call] },
          {
            role: 'user',
            content: [{ type: 'tool_result', tool_use_id: call.id, content: '18C, cloudy' }],
          },
        ],
      })
      .catch((caught: unknown) => caught);
    expect(refused).toBeInstanceOf(BadRequestError);
    expect((refused as BadRequestError).error).toMatchObject({
      error: { type: 'invalid_request_error', message: 'Corrupted thought signature.' },
    });
  });

  it('sends an image to Gemini', async () => {
    const message = await client.messages.create({
      model: 'gemini-2.5-flash',
      max_tokens: 100,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } },
          ],
        },
      ],
    });
    expect(message.content[0]).toEqual({ type: 'text', text: 'Echo: What is this?\n[image/png]' });
  });

  it('counts tokens, system and tools included', async () => {
    const base = {
      model: 'gemini-2.5-flash',
      messages: [{ role: 'user' as const, content: 'count me' }],
    };
    const plain = await client.messages.countTokens(base);
    const more = await client.messages.countTokens({
      ...base,
      system: 'A long system prompt '.repeat(20),
      tools: [weatherTool],
    });
    expect(plain.input_tokens).toBeGreaterThan(0);
    expect(more.input_tokens).toBeGreaterThan(plain.input_tokens);
  });

  it("answers Google's 503 as 529 overloaded_error", async () => {
    stack.emulator.script({
      kind: 'server-error',
      status: 503,
      match: { method: 'generateContent' },
    });
    const error = await client.messages
      .create({
        model: 'gemini-2.5-flash',
        max_tokens: 10,
        messages: [{ role: 'user', content: 'hi' }],
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OverloadedError);
    expect((error as OverloadedError).error).toMatchObject({ error: { type: 'overloaded_error' } });
  });

  it('reports a stream cut mid-way as an error event the SDK raises, never a clean end', async () => {
    stack.emulator.script({
      kind: 'reset-mid-stream',
      afterEvents: 1,
      match: { method: 'streamGenerateContent' },
    });
    const stream = client.messages.stream({
      model: 'gemini-2.5-flash',
      max_tokens: 1000,
      messages: [{ role: 'user', content: 'one two three four five six seven eight' }],
    });
    await expect(stream.finalMessage()).rejects.toThrow(/lost in the middle of the answer/);
    stack.emulator.script({
      kind: 'reset-mid-stream',
      afterEvents: 1,
      match: { method: 'streamGenerateContent' },
    });
    const raw = await fetch(`${stack.url}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': stack.password, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'gemini-2.5-flash',
        max_tokens: 1000,
        stream: true,
        messages: [{ role: 'user', content: 'one two three four five six seven eight' }],
      }),
    }).then((response) => response.text());
    expect(raw).toMatch(/^event: message_start\n/);
    expect(raw).not.toContain('event: message_stop');
    const last = raw.trim().split('\n\n').at(-1) ?? '';
    expect(last.split('\n')[0]).toBe('event: error');
    expect(JSON.parse(last.split('\n')[1]?.slice('data: '.length) ?? 'null')).toMatchObject({
      type: 'error',
      error: { type: expect.any(String), message: expect.stringMatching(/lost in the middle/) },
    });
  });

  it('rejects a wrong key and an unknown model in Anthropic error shapes', async () => {
    const stranger = new Anthropic({ baseURL: stack.url, apiKey: 'wrong', maxRetries: 0 });
    await expect(
      stranger.messages.create({
        model: 'gemini-2.5-flash',
        max_tokens: 10,
        messages: [{ role: 'user', content: 'hi' }],
      }),
    ).rejects.toBeInstanceOf(AuthenticationError);
    const error = await client.messages
      .create({
        model: 'no-such-model',
        max_tokens: 10,
        messages: [{ role: 'user', content: 'hi' }],
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).error).toMatchObject({ error: { type: 'not_found_error' } });
  });

  it('answers an upstream 429 as rate_limit_error with retry-after (that model then cools down: last)', async () => {
    stack.emulator.script({
      kind: 'rate-limit',
      retryDelaySeconds: 30,
      match: { method: 'generateContent', model: 'gemini-2.5-flash-lite' },
    });
    const error = await client.messages
      .create({
        model: 'gemini-2.5-flash-lite',
        max_tokens: 10,
        messages: [{ role: 'user', content: 'hi' }],
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    const rate = error as RateLimitError;
    expect(rate.error).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
    expect(Number(rate.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
