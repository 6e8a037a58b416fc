import type { GenerateContentResponse } from '@geminicli2api/protocol-gemini';
import { messagesRequestSchema, type MessageStreamEvent } from '@geminicli2api/protocol-anthropic';
import { convertAnthropicRequestToGemini } from './convert-anthropic-request';
import {
  convertGeminiResponseToAnthropic,
  foldAnthropicStream,
} from './convert-gemini-response-to-anthropic';
import { createAnthropicStreamTranslator } from './create-anthropic-stream-translator';
import { groundedAnswer, toolAnswer, usageMetadata } from './__fixtures__/gemini-answers';

let ids = 0;
const options = {
  model: 'claude-sonnet-4',
  upstreamModel: 'gemini-3-pro-preview',
  generateId: () => `id${++ids}`,
};

describe('Gemini → Anthropic responses', () => {
  beforeEach(() => (ids = 0));

  it('keeps Gemini order, gives toolu_ ids, reports the requested model, tool_use stop and usage', () => {
    const message = convertGeminiResponseToAnthropic(toolAnswer, options);
    expect(message).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4',
      stop_reason: 'tool_use',
    });
    expect(message.id).toMatch(/^msg_/);
    expect(message.content.map((block) => block.type)).toEqual([
      'thinking',
      'tool_use',
      'tool_use',
    ]);
    expect(message.content[0]).toEqual({
      type: 'thinking',
      thinking: 'Plan: read the file.',
      signature: 'gemini-sig:gemini-3;nU0lHMQ==',
    });
    expect(message.content[1]).toMatchObject({
      id: expect.stringMatching(/^toolu_/),
      name: 'Read',
      input: { file_path: '/tmp/a' },
    });
    expect(message.usage).toEqual({
      input_tokens: 16,
      output_tokens: 12,
      cache_read_input_tokens: 4,
    });
  });

  it('returns every signature to the exact part on the next turn', () => {
    const message = convertGeminiResponseToAnthropic(toolAnswer, options);
    const body = messagesRequestSchema.parse({
      model: 'claude-sonnet-4',
      max_tokens: 100,
      tools: [{ name: 'Read', input_schema: { type: 'object' } }],
      messages: [
        { role: 'user', content: 'read both' },
        { role: 'assistant', content: message.content },
        {
          role: 'user',
          content: message.content
            .filter((block) => block.type === 'tool_use')
            .map((block) => ({
              type: 'tool_result',
              tool_use_id: block.type === 'tool_use' ? block.id : '',
              content: 'ok',
            })),
        },
      ],
    });
    const { request, warnings } = convertAnthropicRequestToGemini(body, {
      model: 'gemini-3-pro-preview',
    });
    expect(request.contents[1]?.parts).toEqual([
      {
        functionCall: { name: 'Read', args: { file_path: '/tmp/a' } },
        thoughtSignature: 'U0lHMQ==',
      },
      { functionCall: { name: 'Read', args: { file_path: '/tmp/b' } } },
    ]);
    expect(warnings).toEqual([]);
  });

  it('maps MAX_TOKENS, safety and a blocked prompt to Anthropic stop reasons', () => {
    const answer = (finishReason: string) => ({
      candidates: [{ content: { role: 'model', parts: [{ text: 'x' }] }, finishReason }],
    });
    expect(convertGeminiResponseToAnthropic(answer('MAX_TOKENS'), options).stop_reason).toBe(
      'max_tokens',
    );
    expect(convertGeminiResponseToAnthropic(answer('SAFETY'), options).stop_reason).toBe('refusal');
    expect(
      convertGeminiResponseToAnthropic({ promptFeedback: { blockReason: 'SAFETY' } }, options)
        .stop_reason,
    ).toBe('refusal');
  });
});

describe('the Anthropic stream translator', () => {
  beforeEach(() => (ids = 0));

  const chunks: GenerateContentResponse[] = [
    { candidates: [{ content: { role: 'model', parts: [{ text: 'Thinking', thought: true }] } }] },
    { candidates: [{ content: { role: 'model', parts: [{ text: ' more', thought: true }] } }] },
    { candidates: [{ content: { role: 'model', parts: [{ text: 'Hello' }] } }] },
    { candidates: [{ content: { role: 'model', parts: [{ text: ' world' }] } }] },
    {
      candidates: [
        {
          content: { role: 'model', parts: [{ text: '', thoughtSignature: 'VFJBSUw=' }] },
          finishReason: 'STOP',
        },
      ],
      usageMetadata,
    },
  ];

  it('emits the event sequence Anthropic clients expect', () => {
    const translator = createAnthropicStreamTranslator(options);
    const events: MessageStreamEvent[] = chunks.flatMap((chunk) => translator.push(chunk));
    expect(translator.sawFinishReason).toBe(true);
    events.push(...translator.end());
    expect(
      events.map((event) => (event.type === 'content_block_delta' ? event.delta.type : event.type)),
    ).toEqual([
      'message_start',
      'content_block_start',
      'thinking_delta',
      'thinking_delta',
      'content_block_stop',
      'content_block_start',
      'text_delta',
      'text_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    const message = foldAnthropicStream(events);
    expect(message.content).toEqual([
      { type: 'thinking', thinking: 'Thinking more', signature: '' },
      { type: 'text', text: 'Hello world' },
    ]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage.output_tokens).toBe(12);
  });

  it('keeps the answer last: a trailing empty-part signature is left out, a mid-message one kept in place', () => {
    const tail = createAnthropicStreamTranslator(options);
    const ending = foldAnthropicStream([
      ...chunks.flatMap((chunk) => tail.push(chunk)),
      ...tail.end(),
    ]);
    expect(ending.content.at(-1)).toEqual({ type: 'text', text: 'Hello world' });
    const middle = createAnthropicStreamTranslator(options);
    const message = foldAnthropicStream([
      ...middle.push({
        candidates: [
          {
            content: {
              role: 'model',
              parts: [
                { text: 'Hello' },
                { text: '', thoughtSignature: 'TUlE' },
                { functionCall: { name: 'Read', args: {} } },
              ],
            },
            finishReason: 'STOP',
          },
        ],
      }),
      ...middle.end(),
    ]);
    const body = messagesRequestSchema.parse({
      model: 'm',
      max_tokens: 10,
      tools: [{ name: 'Read', input_schema: { type: 'object' } }],
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: message.content },
        {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              tool_use_id:
                message.content.at(-1)?.type === 'tool_use'
                  ? (message.content.at(-1) as { id: string }).id
                  : '',
              content: 'x',
            },
          ],
        },
      ],
    });
    const { request } = convertAnthropicRequestToGemini(body, { model: 'gemini-3-pro-preview' });
    expect(request.contents[1]?.parts).toEqual([
      { text: 'Hello' },
      { text: '', thoughtSignature: 'TUlE' },
      {
        functionCall: { name: 'Read', args: {} },
        thoughtSignature: 'skip_thought_signature_validator',
      },
    ]);
  });

  it('answers a non-streamed signed Gemini 3 text as one text block, as the stream does', () => {
    const signedText = (parts: GenerateContentResponse['candidates']) => ({ candidates: parts });
    const plain = convertGeminiResponseToAnthropic(
      signedText([
        {
          content: { role: 'model', parts: [{ text: 'Hello world', thoughtSignature: 'VFhU' }] },
          finishReason: 'STOP',
        },
      ]),
      options,
    );
    expect(plain.content).toEqual([{ type: 'text', text: 'Hello world' }]);
    // Followed by a call, the text's signature travels and returns after the text, as streamed.
    const then = convertGeminiResponseToAnthropic(
      signedText([
        {
          content: {
            role: 'model',
            parts: [
              { text: 'Reading.', thoughtSignature: 'VFhU' },
              { functionCall: { name: 'Read', args: {} }, thoughtSignature: 'Q0FMTA==' },
            ],
          },
          finishReason: 'STOP',
        },
      ]),
      options,
    );
    expect(then.content.map((block) => block.type)).toEqual(['text', 'thinking', 'tool_use']);
    const call = then.content[2] as { id: string };
    const { request } = convertAnthropicRequestToGemini(
      messagesRequestSchema.parse({
        model: 'm',
        max_tokens: 10,
        tools: [{ name: 'Read', input_schema: { type: 'object' } }],
        messages: [
          { role: 'user', content: 'hi' },
          { role: 'assistant', content: then.content },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: 'x' }] },
        ],
      }),
      { model: 'gemini-3-pro-preview' },
    );
    expect(request.contents[1]?.parts).toEqual([
      { text: 'Reading.' },
      { text: '', thoughtSignature: 'VFhU' },
      { functionCall: { name: 'Read', args: {} }, thoughtSignature: 'Q0FMTA==' },
    ]);
  });

  it('leaves thinking text out when asked, keeping the signature', () => {
    const translator = createAnthropicStreamTranslator({ ...options, omitThinking: true });
    const message = foldAnthropicStream([...translator.push(toolAnswer), ...translator.end()]);
    expect(message.content[0]).toEqual({
      type: 'thinking',
      thinking: '',
      signature: 'gemini-sig:gemini-3;nU0lHMQ==',
    });
  });

  it('answers a non-streamed request with exactly the streamed answer, folded', () => {
    const answers: GenerateContentResponse[] = [
      toolAnswer,
      ...chunks,
      {
        candidates: [
          {
            content: {
              role: 'model',
              parts: [
                { text: 'Hello', thoughtSignature: 'VEVYVA==' },
                { text: '', thoughtSignature: 'TUlE' },
                { functionCall: { name: 'Read' } },
                { text: 'more' },
              ],
            },
            finishReason: 'MAX_TOKENS',
          },
        ],
        usageMetadata,
      },
      { promptFeedback: { blockReason: 'SAFETY' }, usageMetadata },
      groundedAnswer,
    ];
    for (const answer of answers) {
      ids = 0;
      const direct = convertGeminiResponseToAnthropic(answer, options);
      ids = 0;
      const streamed = createAnthropicStreamTranslator(options);
      const events = streamed.push(answer);
      expect(streamed.sawFinishReason).toBe(
        Boolean(answer.candidates?.[0]?.finishReason ?? answer.promptFeedback),
      );
      expect(direct).toEqual(foldAnthropicStream([...events, ...streamed.end()]));
    }
  });
});
