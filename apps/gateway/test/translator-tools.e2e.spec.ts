import type OpenAI from 'openai';
import type {
  ChatCompletionMessageParam,
  ChatCompletionTool,
} from 'openai/resources/chat/completions';
import { startOpenAIStack, type Stack } from './support/start-stack';

const tools: ChatCompletionTool[] = [
  {
    type: 'function',
    function: {
      name: 'get_weather',
      description: 'Weather for a city',
      parameters: {
        type: 'object',
        properties: { city: { type: 'string' } },
        required: ['city'],
        additionalProperties: false,
      },
    },
  },
  {
    type: 'function',
    function: { name: 'get_time', parameters: { type: 'object', properties: {} } },
  },
];

interface Turn {
  assistant: ChatCompletionMessageParam & { role: 'assistant' };
  finish: string | null;
  ids: string[];
}

/** One model turn, streamed or not, reassembled into the assistant message a client keeps. */
async function ask(
  client: OpenAI,
  model: string,
  messages: ChatCompletionMessageParam[],
  stream: boolean,
): Promise<Turn> {
  if (!stream) {
    const completion = await client.chat.completions.create({ model, messages, tools });
    const choice = completion.choices[0];
    const message = choice?.message;
    return {
      assistant: {
        role: 'assistant',
        content: message?.content ?? null,
        ...(message?.tool_calls ? { tool_calls: message.tool_calls } : {}),
      },
      finish: choice?.finish_reason ?? null,
      ids: (message?.tool_calls ?? []).map((call) => call.id),
    };
  }
  const chunks = await client.chat.completions.create({ model, messages, tools, stream: true });
  const calls: Record<
    number,
    {
      id: string;
      type: 'function';
      function: { name: string; arguments: string };
      extra_content?: unknown;
    }
  > = {};
  let content = '';
  let finish: string | null = null;
  for await (const chunk of chunks) {
    const choice = chunk.choices[0];
    if (!choice) continue;
    content += choice.delta.content ?? '';
    for (const fragment of choice.delta.tool_calls ?? []) {
      const existing = calls[fragment.index];
      if (!existing) {
        calls[fragment.index] = {
          id: fragment.id ?? '',
          type: 'function',
          function: {
            name: fragment.function?.name ?? '',
            arguments: fragment.function?.arguments ?? '',
          },
          ...('extra_content' in fragment
            ? { extra_content: (fragment as { extra_content?: unknown }).extra_content }
            : {}),
        };
      } else existing.function.arguments += fragment.function?.arguments ?? '';
    }
    finish = choice.finish_reason ?? finish;
  }
  const toolCalls = Object.keys(calls)
    .map(Number)
    .sort((a, b) => a - b)
    .map((index) => calls[index] as (typeof calls)[number]);
  return {
    assistant: {
      role: 'assistant',
      content: content || null,
      ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
    },
    finish,
    ids: toolCalls.map((call) => call.id),
  };
}

function stripExtraContent(assistant: Turn['assistant']): Turn['assistant'] {
  const calls = 'tool_calls' in assistant ? assistant.tool_calls : undefined;
  if (!calls) return assistant;
  return {
    ...assistant,
    tool_calls: calls.map((call) => ({
      id: call.id,
      type: 'function',
      function: (call as { function: { name: string; arguments: string } }).function,
    })),
  };
}

describe('tool calling through the gateway with the openai SDK', () => {
  let stack: Stack;
  let client: OpenAI;

  beforeAll(async () => {
    ({ stack, client } = await startOpenAIStack());
  });
  afterAll(() => stack.close());

  const cases = [
    { model: 'gemini-2.5-flash', stream: false, strip: false },
    { model: 'gemini-2.5-flash', stream: true, strip: false },
    { model: 'gemini-3-pro-preview', stream: false, strip: false },
    { model: 'gemini-3-pro-preview', stream: true, strip: false },
    { model: 'gemini-3-pro-preview', stream: false, strip: true },
    { model: 'gemini-3-pro-preview', stream: true, strip: true },
  ];

  it.each(cases)(
    '$model stream=$stream strip_extra_content=$strip: parallel calls, results, final answer',
    async ({ model, stream, strip }) => {
      const messages: ChatCompletionMessageParam[] = [
        { role: 'system', content: 'Use tools.' },
        { role: 'user', content: 'Please call get_weather and get_time now' },
      ];
      const first = await ask(client, model, messages, stream);
      expect(first.finish).toBe('tool_calls');
      const calls = 'tool_calls' in first.assistant ? (first.assistant.tool_calls ?? []) : [];
      expect(calls.map((call) => (call as { function: { name: string } }).function.name)).toEqual([
        'get_weather',
        'get_time',
      ]);
      for (const call of calls)
        expect(() =>
          JSON.parse((call as { function: { arguments: string } }).function.arguments),
        ).not.toThrow();
      expect(new Set(first.ids).size).toBe(2);
      if (model.startsWith('gemini-3')) {
        expect(calls[0]).toHaveProperty(
          'extra_content.google.thought_signature',
          expect.any(String),
        );
      }
      messages.push(strip ? stripExtraContent(first.assistant) : first.assistant);
      // Results arrive out of call order; the gateway puts them back in call order.
      messages.push({ role: 'tool', tool_call_id: first.ids[1] ?? '', content: '12:00' });
      messages.push({ role: 'tool', tool_call_id: first.ids[0] ?? '', content: '{"temp":18}' });
      const second = await ask(client, model, messages, stream);
      expect(second.finish).toBe('stop');
      expect(second.assistant.content).toBe(
        'Results: get_weather={"temp":18}; get_time={"output":"12:00"}',
      );
      const upstream = stack.emulator.requests.at(-1)?.body as {
        request: { contents: { parts: Record<string, unknown>[] }[] };
      };
      const modelTurn = upstream.request.contents.at(-2);
      const signature = modelTurn?.parts[0]?.['thoughtSignature'];
      if (model.startsWith('gemini-3')) {
        expect(typeof signature).toBe('string');
        expect(signature).not.toBe('skip_thought_signature_validator');
      } else expect(signature).toBeUndefined();
    },
  );
});
