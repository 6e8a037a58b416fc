import type OpenAI from 'openai';
import { RateLimitError } from 'openai';
import type { ResponseStreamEvent } from 'openai/resources/responses/responses';
import { FAST_RETRIES } from './support/resilience-helpers';
import { postJson, startOpenAIStack, type Stack } from './support/start-stack';

const HELLO = { model: 'gemini-2.5-flash', input: 'Tell me a slightly longer story about faults' };

/** Streams one response and returns every event, however the stream ends. */
async function streamEvents(client: OpenAI): Promise<ResponseStreamEvent[]> {
  const stream = await client.responses.create({ ...HELLO, stream: true });
  const events: ResponseStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

describe('Responses API: upstream faults', () => {
  let stack: Stack;
  let client: OpenAI;

  beforeAll(async () => {
    ({ stack, client } = await startOpenAIStack({ env: FAST_RETRIES }));
  });
  afterAll(() => stack.close());
  afterEach(() => stack.emulator.clearScript());

  it.each(['generateContent', 'streamGenerateContent'] as const)(
    'answers a long upstream 429 (%s) as a 429 with Retry-After',
    async (method) => {
      // A long 429 cools the only account down: a stack of its own.
      const own = await startOpenAIStack({ env: FAST_RETRIES });
      try {
        own.stack.emulator.script({ kind: 'rate-limit', retryDelaySeconds: 30, match: { method } });
        const error = await own.client.responses
          .create({ ...HELLO, stream: method === 'streamGenerateContent' })
          .catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(RateLimitError);
        expect((error as RateLimitError).headers.get('retry-after')).toBe('30');
      } finally {
        await own.stack.close();
      }
    },
  );

  it('answers a lasting 503 as a 503 in the OpenAI shape', async () => {
    stack.emulator.script({ kind: 'server-error', status: 503, times: Infinity });
    const result = await postJson(stack, '/v1/responses', HELLO);
    expect(result.status).toBe(503);
    expect(await result.json()).toMatchObject({ error: { type: 'server_error' } });
  });

  it.each([
    ['the connection is cut mid-stream', { kind: 'reset-mid-stream', afterEvents: 1 }],
    ['Google sends an error event', { kind: 'error-event', afterEvents: 1 }],
    ['the stream ends without a finish reason', { kind: 'no-finish-reason' }],
  ] as const)('ends with response.failed when %s', async (_, fault) => {
    stack.emulator.script({ ...fault, match: { method: 'streamGenerateContent' } });
    const events = await streamEvents(client);
    expect(events[0]?.type).toBe('response.created');
    const last = events.at(-1);
    if (last?.type !== 'response.failed') throw new Error(`ended with ${last?.type}`);
    expect(last.response.status).toBe('failed');
    expect(last.response.error?.message).toEqual(expect.any(String));
    expect(events.at(-2)).toMatchObject({ type: 'error', message: last.response.error?.message });
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_e, i) => i));
    const stored = await client.responses.retrieve(last.response.id);
    expect(stored.status).toBe('failed');
  });

  it('points an upstream 400 at the input item it names', async () => {
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
    const result = await postJson(stack, '/v1/responses', {
      model: 'gemini-2.5-flash',
      input: [
        { role: 'user', content: 'a' },
        { role: 'assistant', content: 'b' },
        { role: 'user', content: 'c' },
      ],
    });
    expect(result.status).toBe(400);
    expect(await result.json()).toMatchObject({
      error: { type: 'invalid_request_error', param: 'input[1]' },
    });
  });

  it('ends a response cut by max_output_tokens as incomplete', async () => {
    const response = await client.responses.create({ ...HELLO, max_output_tokens: 2 });
    expect(response.status).toBe('incomplete');
    expect(response.incomplete_details).toEqual({ reason: 'max_output_tokens' });
  });
});

describe('Responses API: bad input is a 400 in the OpenAI shape', () => {
  let stack: Stack;

  beforeAll(async () => {
    ({ stack } = await startOpenAIStack({ env: { REQUEST_BODY_LIMIT: '256kb' } }));
  });
  afterAll(() => stack.close());

  const user = { role: 'user', content: 'hi' };
  it.each([
    [
      'an unknown item type',
      { input: [{ type: 'computer_call_output', call_id: 'x' }] },
      'input[0].type',
      'supported: message',
    ],
    [
      'an unknown content part',
      { input: [{ role: 'user', content: [{ type: 'input_video' }] }] },
      'input[0].content[0].type',
      'input_text',
    ],
    [
      'an orphan function_call_output',
      { input: [user, { type: 'function_call_output', call_id: 'nope', output: 'x' }] },
      'input[1].call_id',
      'tool call',
    ],
    [
      'bad call arguments',
      {
        input: [
          user,
          { type: 'function_call', call_id: 'c', name: 'f', arguments: '{x' },
          { type: 'function_call_output', call_id: 'c', output: 'x' },
        ],
      },
      'input[1].arguments',
      'not valid JSON',
    ],
    [
      'a wrong text format',
      { input: 'hi', text: { format: { type: 'xml' } } },
      'text.format.type',
      'json_schema',
    ],
    [
      'a tool Gemini cannot serve',
      { input: 'hi', tools: [{ type: 'file_search', vector_store_ids: ['v'] }] },
      'tools[0].type',
      'file_search',
    ],
    [
      'a role that does not exist',
      { input: [{ role: 'robot', content: 'x' }] },
      'input[0].role',
      'Invalid option',
    ],
    ['background mode', { input: 'hi', background: true }, 'background', 'Background'],
    ['no input', { instructions: 'only this' }, 'input', 'input is required'],
  ])('%s', async (_, body, param, message) => {
    const result = await postJson(stack, '/v1/responses', { model: 'gemini-2.5-flash', ...body });
    expect(result.status).toBe(400);
    const answer = (await result.json()) as { error: Record<string, unknown> };
    expect(answer.error).toMatchObject({ type: 'invalid_request_error', param });
    expect(String(answer.error['message'])).toContain(message);
  });

  it('answers broken JSON with 400 and a body over REQUEST_BODY_LIMIT with 413', async () => {
    const broken = await postJson(stack, '/v1/responses', '{"model": "gemini-2.5-flash", ');
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
    const huge = await postJson(stack, '/v1/responses', { ...HELLO, input: 'x'.repeat(300_000) });
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ error: { code: 'request_too_large' } });
  });

  it('answers a deeply nested tool schema with a 400, never a 500', async () => {
    const depth = 5_000;
    const schema =
      '{"type":"object","properties":{"a":'.repeat(depth) +
      '{"type":"string"}' +
      '}}'.repeat(depth);
    const body = `{"model":"gemini-2.5-flash","input":"hi","tools":[{"type":"function","name":"deep","parameters":${schema}}]}`;
    const result = await postJson(stack, '/v1/responses', body);
    expect(result.status).toBe(400);
    expect(await result.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
  });

  it('answers unknown ids with 404 and a bad listing with 400', async () => {
    const headers = { authorization: `Bearer ${stack.password}` };
    for (const [method, path] of [
      ['GET', '/v1/responses/resp_nope'],
      ['DELETE', '/v1/responses/resp_nope'],
      ['GET', '/v1/responses/resp_nope/input_items'],
    ] as const) {
      const result = await fetch(`${stack.url}${path}`, { method, headers });
      expect(result.status).toBe(404);
      expect(await result.json()).toMatchObject({
        error: { type: 'invalid_request_error', code: 'not_found' },
      });
    }
    const created = await postJson(stack, '/v1/responses', HELLO);
    const { id } = (await created.json()) as { id: string };
    const listing = await fetch(`${stack.url}/v1/responses/${id}/input_items?limit=1000`, {
      headers,
    });
    expect(listing.status).toBe(400);
    expect(await listing.json()).toMatchObject({ error: { param: 'limit' } });
  });
});
