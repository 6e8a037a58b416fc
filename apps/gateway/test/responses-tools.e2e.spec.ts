import type OpenAI from 'openai';
import { startOpenAIStack, type Stack } from './support/start-stack';

describe('Responses API tools through the official openai SDK', () => {
  let stack: Stack;
  let client: OpenAI;

  beforeAll(async () => {
    ({ stack, client } = await startOpenAIStack());
  });
  afterAll(() => stack.close());

  it('maps a custom (freeform) tool like apply_patch to one string and back', async () => {
    const tools = [
      {
        type: 'custom' as const,
        name: 'apply_patch',
        description: 'Apply a patch',
        format: { type: 'grammar' as const, syntax: 'lark' as const, definition: 'start: /.+/' },
      },
    ];
    const first = await client.responses.create({
      model: 'gemini-3-pro-preview',
      input: 'Patch it [[call apply_patch {"input":"*** Begin Patch\\n*** End Patch"}]]',
      tools,
    });
    const call = first.output.find((item) => item.type === 'custom_tool_call');
    if (call?.type !== 'custom_tool_call') throw new Error('no custom_tool_call');
    expect(call).toMatchObject({ name: 'apply_patch', input: '*** Begin Patch\n*** End Patch' });
    const second = await client.responses.create({
      model: 'gemini-3-pro-preview',
      previous_response_id: first.id,
      input: [{ type: 'custom_tool_call_output', call_id: call.call_id, output: 'Done!' }],
      tools,
    });
    expect(second.output_text).toBe('Results: apply_patch={"output":"Done!"}');
  });

  it('streams a reasoning summary and a function call with their events', async () => {
    const stream = client.responses.stream({
      model: 'gemini-3-flash-preview',
      input: 'Weather? [[call get_weather {"city":"Oslo"}]]',
      reasoning: { effort: 'low', summary: 'auto' },
      include: ['reasoning.encrypted_content'],
      tools: [
        {
          type: 'function',
          name: 'get_weather',
          strict: false,
          parameters: { type: 'object', properties: { city: { type: 'string' } } },
        },
      ],
    });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    const final = await stream.finalResponse();
    expect(types).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.reasoning_summary_part.added',
      'response.reasoning_summary_text.delta',
      'response.reasoning_summary_text.done',
      'response.reasoning_summary_part.done',
      'response.output_item.done',
      'response.output_item.added',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.completed',
    ]);
    const [reasoning, call] = final.output;
    expect(reasoning?.type === 'reasoning' && reasoning.encrypted_content).toEqual(
      expect.stringMatching(/^gcli2api\.1\./),
    );
    expect(call).toMatchObject({
      type: 'function_call',
      name: 'get_weather',
      arguments: '{"city":"Oslo"}',
    });
  });

  it('replays parallel calls statelessly as one signed Gemini 3 model turn', async () => {
    const tools = ['a', 'b'].map((name) => ({
      type: 'function' as const,
      name,
      strict: false,
      parameters: { type: 'object', properties: {} },
    }));
    const settings = {
      model: 'gemini-3-pro-preview',
      tools,
      store: false,
      include: ['reasoning.encrypted_content' as const],
    };
    const question = { role: 'user' as const, content: 'Both [[call a {}]] [[call b {}]]' };
    const first = await client.responses.create({ ...settings, input: [question] });
    const calls = first.output.filter((item) => item.type === 'function_call');
    expect(calls.map((call) => call.name)).toEqual(['a', 'b']);
    const second = await client.responses.create({
      ...settings,
      input: [
        question,
        ...first.output,
        ...calls.map((call) => ({
          type: 'function_call_output' as const,
          call_id: call.call_id,
          output: call.name,
        })),
      ],
    });
    expect(second.output_text).toBe('Results: a={"output":"a"}; b={"output":"b"}');
    const upstream = stack.emulator.requests.at(-1)?.body as {
      request: { contents: { role: string; parts: Record<string, unknown>[] }[] };
    };
    const [, model, results] = upstream.request.contents;
    expect(model?.role).toBe('model');
    expect(model?.parts.map((part) => (part['functionCall'] as { name: string }).name)).toEqual([
      'a',
      'b',
    ]);
    expect(Buffer.from(String(model?.parts[0]?.['thoughtSignature']), 'base64').toString()).toMatch(
      /^emu-sig:/,
    );
    expect(results?.parts).toHaveLength(2);
  });

  it('forces a named function with tool_choice', async () => {
    const response = await client.responses.create({
      model: 'gemini-2.5-flash',
      input: 'Anything',
      tool_choice: { type: 'function', name: 'pick' },
      tools: [
        {
          type: 'function',
          name: 'pick',
          strict: false,
          parameters: { type: 'object', properties: {} },
        },
        {
          type: 'function',
          name: 'other',
          strict: false,
          parameters: { type: 'object', properties: {} },
        },
      ],
    });
    expect(response.output.map((item) => item.type === 'function_call' && item.name)).toEqual([
      'pick',
    ]);
    const upstream = stack.emulator.requests.at(-1)?.body as {
      request: { toolConfig: unknown };
    };
    expect(upstream.request.toolConfig).toEqual({
      functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['pick'] },
    });
  });
});
