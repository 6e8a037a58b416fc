import type OpenAI from 'openai';
import { NotFoundError } from 'openai';
import { zodTextFormat } from 'openai/helpers/zod';
import { decodeReasoningSignatures } from '@geminicli2api/translator/internal';
import { z } from 'zod';
import { startOpenAIStack, type Stack } from './support/start-stack';

type UpstreamContent = { role: string; parts: Record<string, unknown>[] };

/** The Gemini contents of the last generate call the emulator received. */
function lastUpstreamContents(stack: Stack): UpstreamContent[] {
  const calls = stack.emulator.requests.filter((request) =>
    /:(stream)?[gG]enerateContent$/.test(request.path),
  );
  const body = calls.at(-1)?.body as { request: { contents: UpstreamContent[] } } | undefined;
  return body?.request.contents ?? [];
}

const WEATHER_TOOL = {
  type: 'function' as const,
  name: 'get_weather',
  description: 'Weather of a city',
  strict: true,
  parameters: {
    type: 'object',
    properties: { city: { type: 'string' } },
    required: ['city'],
    additionalProperties: false,
  },
};
const CALL_WEATHER = 'Weather please [[call get_weather {"city":"Paris"}]]';

describe('the Responses API through the official openai SDK', () => {
  let stack: Stack;
  let client: OpenAI;

  beforeAll(async () => {
    ({ stack, client } = await startOpenAIStack());
  });
  afterAll(() => stack.close());

  it('creates a response, and keeps it for retrieve, input_items and delete', async () => {
    const response = await client.responses.create({
      model: 'gemini-2.5-flash',
      instructions: 'You are terse.',
      input: 'Hello there',
      metadata: { ticket: '42' },
    });
    expect(response.id).toMatch(/^resp_/);
    expect(response.status).toBe('completed');
    expect(response.output_text).toBe('Echo: Hello there');
    expect(response.metadata).toEqual({ ticket: '42' });
    expect(response.usage?.input_tokens).toBeGreaterThan(0);
    expect(response.usage?.total_tokens).toBe(
      (response.usage?.input_tokens ?? 0) + (response.usage?.output_tokens ?? 0),
    );
    expect(response.usage?.input_tokens_details.cached_tokens).toBe(0);
    expect(response.usage?.output_tokens_details.reasoning_tokens).toBe(0);
    const upstream = stack.emulator.requests.at(-1)?.body as {
      request: { systemInstruction: unknown };
    };
    expect(upstream.request.systemInstruction).toEqual({
      role: 'user',
      parts: [{ text: 'You are terse.' }],
    });

    const again = await client.responses.retrieve(response.id);
    expect(again.output).toEqual(response.output);
    const items = await client.responses.inputItems.list(response.id);
    expect(items.data).toEqual([
      expect.objectContaining({ type: 'message', role: 'user', content: 'Hello there' }),
    ]);
    const deleted: unknown = await client.responses.delete(response.id);
    expect(deleted).toEqual({ id: response.id, object: 'response', deleted: true });
    await expect(client.responses.retrieve(response.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('streams every event in order with growing sequence numbers', async () => {
    const stream = client.responses.stream({
      model: 'gemini-2.5-pro',
      input: 'Tell me a slightly longer story about streams',
    });
    const events = [];
    for await (const event of stream) events.push(event);
    const final = await stream.finalResponse();
    expect(events[0]?.type).toBe('response.created');
    expect(events[1]?.type).toBe('response.in_progress');
    expect(events.at(-1)?.type).toBe('response.completed');
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, index) => index));
    const deltas = events.filter((event) => event.type === 'response.output_text.delta');
    expect(deltas.length).toBeGreaterThan(1);
    const message = final.output.find((item) => item.type === 'message');
    expect(message?.type === 'message' && message.content[0]).toMatchObject({
      type: 'output_text',
      text: 'Echo: Tell me a slightly longer story about streams',
      annotations: [],
    });
    expect(deltas.map((event) => event.delta).join('')).toBe(
      'Echo: Tell me a slightly longer story about streams',
    );
    expect(final.usage?.output_tokens).toBeGreaterThan(0);
  });

  it('runs a function-tool loop on Gemini 3 with thinking, returning the exact signature', async () => {
    const first = await client.responses.create({
      model: 'gemini-3-pro-preview',
      input: CALL_WEATHER,
      tools: [WEATHER_TOOL],
      reasoning: { effort: 'high', summary: 'auto' },
    });
    const reasoning = first.output.find((item) => item.type === 'reasoning');
    expect(reasoning?.summary[0]?.text).toContain('Thinking');
    const call = first.output.find((item) => item.type === 'function_call');
    if (call?.type !== 'function_call') throw new Error('no function call');
    expect(call).toMatchObject({ name: 'get_weather', arguments: '{"city":"Paris"}' });
    expect(first.usage?.output_tokens_details.reasoning_tokens).toBeGreaterThan(0);

    const second = await client.responses.create({
      model: 'gemini-3-pro-preview',
      previous_response_id: first.id,
      input: [{ type: 'function_call_output', call_id: call.call_id, output: '{"temp":21}' }],
      tools: [WEATHER_TOOL],
      reasoning: { effort: 'high', summary: 'auto' },
    });
    expect(second.output_text).toBe('Results: get_weather={"temp":21}');
    const modelTurn = lastUpstreamContents(stack).find((content) => content.role === 'model');
    const signature = String(modelTurn?.parts[0]?.['thoughtSignature']);
    expect(Buffer.from(signature, 'base64').toString()).toMatch(/^emu-sig:gemini-3-pro-preview:/);
  });

  it('keeps the loop valid statelessly: store false and encrypted_content', async () => {
    const first = await client.responses.create({
      model: 'gemini-3-flash-preview',
      input: [{ role: 'user', content: CALL_WEATHER }],
      tools: [WEATHER_TOOL],
      store: false,
      include: ['reasoning.encrypted_content'],
    });
    const reasoning = first.output.find((item) => item.type === 'reasoning');
    const call = first.output.find((item) => item.type === 'function_call');
    if (reasoning?.type !== 'reasoning' || call?.type !== 'function_call')
      throw new Error('expected a reasoning item and a call');
    const carried = decodeReasoningSignatures(reasoning.encrypted_content ?? '');
    expect(carried?.calls[call.call_id]).toBeDefined();
    await expect(client.responses.retrieve(first.id)).rejects.toBeInstanceOf(NotFoundError);

    // Another gateway (a replica that never saw the first turn, no signature cache entry).
    const { stack: replica, client: replicaClient } = await startOpenAIStack();
    try {
      const second = await replicaClient.responses.create({
        model: 'gemini-3-flash-preview',
        input: [
          { role: 'user', content: CALL_WEATHER },
          ...first.output,
          { type: 'function_call_output', call_id: call.call_id, output: 'sunny' },
        ],
        tools: [WEATHER_TOOL],
        store: false,
        include: ['reasoning.encrypted_content'],
      });
      expect(second.output_text).toBe('Results: get_weather={"output":"sunny"}');
      const modelTurn = lastUpstreamContents(replica).find((content) => content.role === 'model');
      expect(modelTurn?.parts[0]?.['thoughtSignature']).toBe(carried?.calls[call.call_id]);
    } finally {
      await replica.close();
    }
  });

  it('hides encrypted_content unless it is included', async () => {
    const response = await client.responses.create({
      model: 'gemini-3-flash-preview',
      input: CALL_WEATHER,
      tools: [WEATHER_TOOL],
    });
    const reasoning = response.output.find((item) => item.type === 'reasoning');
    expect(reasoning).toBeDefined();
    expect(reasoning && 'encrypted_content' in reasoning).toBe(false);
  });

  it('serves the built-in local_shell tool: a local_shell_call, then its output', async () => {
    const first = await client.responses.create({
      model: 'gemini-2.5-flash',
      input: 'List it [[call local_shell {"command":["ls","-a"],"workdir":"/tmp"}]]',
      tools: [{ type: 'local_shell' }],
    });
    const call = first.output.find((item) => item.type === 'local_shell_call');
    if (call?.type !== 'local_shell_call') throw new Error('no local_shell_call');
    expect(call.action).toMatchObject({
      type: 'exec',
      command: ['ls', '-a'],
      working_directory: '/tmp',
    });
    const second = await client.responses.create({
      model: 'gemini-2.5-flash',
      previous_response_id: first.id,
      input: [{ type: 'local_shell_call_output', id: call.id, output: '. ..' }],
      tools: [{ type: 'local_shell' }],
    });
    expect(second.output_text).toBe('Results: local_shell={"output":". .."}');
  });

  it('chains responses with previous_response_id', async () => {
    const first = await client.responses.create({
      model: 'gemini-2.5-flash',
      input: 'My name is Ada',
    });
    const second = await client.responses.create({
      model: 'gemini-2.5-flash',
      previous_response_id: first.id,
      input: 'What is my name?',
    });
    expect(second.previous_response_id).toBe(first.id);
    expect(lastUpstreamContents(stack)).toEqual([
      { role: 'user', parts: [{ text: 'My name is Ada' }] },
      { role: 'model', parts: [{ text: 'Echo: My name is Ada' }] },
      { role: 'user', parts: [{ text: 'What is my name?' }] },
    ]);
    await expect(
      client.responses.create({
        model: 'gemini-2.5-flash',
        previous_response_id: 'resp_unknown',
        input: 'x',
      }),
    ).rejects.toMatchObject({ status: 404, param: 'previous_response_id' });
  });

  it('parses structured output with a zod schema', async () => {
    const Person = z.object({ name: z.string(), age: z.number() });
    const response = await client.responses.parse({
      model: 'gemini-2.5-flash',
      input: 'Invent a person',
      text: { format: zodTextFormat(Person, 'person') },
    });
    expect(Person.safeParse(response.output_parsed).success).toBe(true);
    const upstream = stack.emulator.requests.at(-1)?.body as {
      request: { generationConfig: Record<string, unknown> };
    };
    expect(upstream.request.generationConfig['responseMimeType']).toBe('application/json');
  });

  it('sends an image input inline', async () => {
    const response = await client.responses.create({
      model: 'gemini-2.5-flash',
      input: [
        {
          role: 'user',
          content: [
            { type: 'input_text', text: 'Describe' },
            {
              type: 'input_image',
              image_url: 'data:image/png;base64,iVBORw0KGgo=',
              detail: 'auto',
            },
          ],
        },
      ],
    });
    expect(response.output_text).toBe('Echo: Describe\n[image/png]');
    expect(lastUpstreamContents(stack)[0]?.parts[1]).toEqual({
      inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' },
    });
  });

  it('counts input tokens with the upstream countTokens', async () => {
    const before = stack.emulator.requests.length;
    const count = await client.responses.inputTokens.count({
      model: 'gemini-2.5-flash',
      instructions: 'Be brief.',
      input: 'How many tokens is this sentence?',
    });
    expect(count.object).toBe('response.input_tokens');
    expect(count.input_tokens).toBeGreaterThan(0);
    const counted = stack.emulator.requests
      .slice(before)
      .filter((r) => r.path.endsWith(':countTokens'));
    expect(counted).toHaveLength(1);
  });
});
