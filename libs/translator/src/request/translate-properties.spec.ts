import { DEFAULT_EMULATOR_MODELS, validateGenerateRequest } from '@geminicli2api/emulator';
import {
  chatCompletionRequestSchema,
  type ChatCompletionRequestInput,
} from '@geminicli2api/protocol-openai';
import fc from 'fast-check';
import { convertGeminiRequestToOpenAI } from '../reverse/convert-gemini-request-to-openai';
import { convertChatRequestToGemini } from './convert-chat-request-to-gemini';

type Message = ChatCompletionRequestInput['messages'][number];
/** The models the emulator's validator knows. */
const MODELS = DEFAULT_EMULATOR_MODELS;
const TOOL_NAMES = ['get_weather', '3d_render', 'lookup-user', 'f'];

const text = fc.string({ minLength: 0, maxLength: 20 });
const contentPart = fc.oneof(
  text.map((value) => ({ type: 'text' as const, text: value })),
  fc.constantFrom('image/png', 'image/jpeg').map((mime) => ({
    type: 'image_url' as const,
    image_url: { url: `data:${mime};base64,AAAA` },
  })),
  fc.constant({ type: 'input_audio' as const, input_audio: { data: 'SUQz', format: 'mp3' } }),
);
const content = fc.oneof(text, fc.array(contentPart, { maxLength: 3 }));

/** A tool-call step: an assistant message with calls, then a result for each (any order). */
const toolStep = fc
  .tuple(
    fc.uniqueArray(fc.constantFrom(...TOOL_NAMES), { minLength: 1, maxLength: 3 }),
    fc.boolean(),
    fc.option(text, { nil: null }),
  )
  .map(([names, reverse, assistantText]): Message[] => {
    const calls = names.map((name, index) => ({
      id: `call_${name}_${index}`,
      type: 'function' as const,
      function: { name, arguments: JSON.stringify({ index }) },
    }));
    const results: Message[] = calls.map((call) => ({
      role: 'tool',
      tool_call_id: call.id,
      content: `result ${call.function.name}`,
    }));
    return [
      { role: 'assistant', content: assistantText, tool_calls: calls },
      ...(reverse ? results.reverse() : results),
    ];
  });
const step = fc.oneof(
  content.map((value): Message[] => [{ role: 'user', content: value }]),
  text.map((value): Message[] => [{ role: 'system', content: value }]),
  text.map((value): Message[] => [{ role: 'assistant', content: value }]),
  toolStep,
);

const request = fc.record(
  {
    model: fc.constantFrom(...MODELS),
    messages: fc
      .array(step, { minLength: 1, maxLength: 6 })
      .map((steps) => [...steps.flat(), { role: 'user' as const, content: 'go' }]),
    temperature: fc.double({ min: 0, max: 2, noNaN: true }),
    top_p: fc.double({ min: 0, max: 1, noNaN: true }),
    n: fc.integer({ min: 1, max: 8 }),
    stop: fc.oneof(text, fc.array(text, { maxLength: 4 })),
    max_tokens: fc.integer({ min: 1, max: 4096 }),
    presence_penalty: fc.double({ min: -2, max: 2, noNaN: true }),
    reasoning_effort: fc.constantFrom('none', 'minimal', 'low', 'medium', 'high', 'xhigh'),
    response_format: fc.constantFrom(
      { type: 'text' },
      { type: 'json_object' },
      {
        type: 'json_schema',
        json_schema: {
          name: 's',
          schema: {
            type: 'object',
            properties: { a: { type: ['string', 'null'] }, b: { const: 1 } },
          },
        },
      },
    ),
    tools: fc.constant(
      TOOL_NAMES.map((name) => ({
        type: 'function',
        function: {
          name,
          parameters: { type: 'object', properties: { index: { type: 'integer' } } },
        },
      })),
    ),
    tool_choice: fc.constantFrom('auto', 'none', 'required', {
      type: 'function',
      function: { name: 'f' },
    }),
  },
  { requiredKeys: ['model', 'messages'] },
) as fc.Arbitrary<ChatCompletionRequestInput>;

describe('translation properties (fast-check)', () => {
  it('any valid OpenAI request becomes a Gemini request the strict emulator accepts', () => {
    fc.assert(
      fc.property(
        request,
        fc.constantFrom<'json-schema' | 'legacy'>('json-schema', 'legacy'),
        (input, schemaMode) => {
          const parsed = chatCompletionRequestSchema.parse(input);
          const { request: gemini } = convertChatRequestToGemini(parsed, { schemaMode });
          const result = validateGenerateRequest(
            { model: parsed.model, project: 'p', request: gemini },
            MODELS,
          );
          if (!result.ok) throw new Error(`${result.failure.message}\n${JSON.stringify(gemini)}`);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('user and assistant text survives OpenAI → Gemini → OpenAI', () => {
    const textsOf = (messages: readonly Message[], role: 'user' | 'assistant') =>
      messages
        .filter((message) => message.role === role)
        .flatMap((message) => {
          const value = 'content' in message ? message.content : null;
          if (typeof value === 'string') return [value];
          return (value ?? []).flatMap((part) => (part.type === 'text' ? [part.text] : []));
        })
        .join('')
        // Whitespace is compared loosely: the translator inserts a " " placeholder where Gemini
        // needs a non-empty turn, and merged turns join their texts. Every other character must
        // survive, in order.
        .replace(/\s+/g, '');
    fc.assert(
      fc.property(request, (input) => {
        const parsed = chatCompletionRequestSchema.parse(input);
        const { request: gemini } = convertChatRequestToGemini(parsed);
        const back = convertGeminiRequestToOpenAI(gemini, parsed.model).request;
        expect(textsOf(back.messages, 'user')).toBe(textsOf(parsed.messages, 'user'));
        expect(textsOf(back.messages, 'assistant')).toBe(textsOf(parsed.messages, 'assistant'));
        expect(back.messages.filter((message) => message.role === 'tool')).toHaveLength(
          parsed.messages.filter((message) => message.role === 'tool').length,
        );
      }),
      { numRuns: 300 },
    );
  });
});
