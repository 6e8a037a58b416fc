import {
  chatCompletionRequestSchema,
  type ChatCompletionRequestInput,
} from '@geminicli2api/protocol-openai';
import { LruSignatureCache, SKIP_THOUGHT_SIGNATURE } from '../signature/signature-cache';
import { TranslationError } from '../translator-error';
import {
  convertChatRequestToGemini,
  type ConvertRequestOptions,
} from './convert-chat-request-to-gemini';

type Messages = ChatCompletionRequestInput['messages'];

function convert(
  messages: Messages,
  extra: Partial<ChatCompletionRequestInput> = {},
  options?: ConvertRequestOptions,
) {
  return convertChatRequestToGemini(
    chatCompletionRequestSchema.parse({ model: 'gemini-2.5-flash', messages, ...extra }),
    options,
  );
}

const call = (id: string, name: string, args = '{}', extra: Record<string, unknown> = {}) => ({
  id,
  type: 'function' as const,
  function: { name, arguments: args },
  ...extra,
});
const FC = (name: string, args: Record<string, unknown> = {}) => ({ functionCall: { name, args } });
const FR = (name: string, response: Record<string, unknown>) => ({
  functionResponse: { name, response },
});

function errorOf(run: () => unknown): TranslationError {
  try {
    run();
  } catch (error) {
    if (TranslationError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a TranslationError');
}

describe('message assembly with tools (translation.md §1.4)', () => {
  it.each([
    {
      name: 'E2: split assistant messages merge into one model turn',
      messages: [
        { role: 'user', content: 'q' },
        { role: 'assistant', content: 'Let me check.' },
        { role: 'assistant', content: null, tool_calls: [call('c1', 'get_x')] },
        { role: 'tool', tool_call_id: 'c1', content: 'ok' },
      ],
      contents: [
        { role: 'user', parts: [{ text: 'q' }] },
        { role: 'model', parts: [{ text: 'Let me check.' }, FC('get_x')] },
        { role: 'user', parts: [FR('get_x', { output: 'ok' })] },
      ],
    },
    {
      name: 'E7: assistant content "" with tool calls sends only the call',
      messages: [
        { role: 'user', content: 'q' },
        { role: 'assistant', content: '', tool_calls: [call('c1', 'f')] },
        { role: 'tool', tool_call_id: 'c1', content: 'x' },
      ],
      contents: [
        { role: 'user', parts: [{ text: 'q' }] },
        { role: 'model', parts: [FC('f')] },
        { role: 'user', parts: [FR('f', { output: 'x' })] },
      ],
    },
    {
      name: 'E8/E9: text before calls; a JSON-object result is sent as the object',
      messages: [
        { role: 'user', content: 'q' },
        { role: 'assistant', content: 'Checking', tool_calls: [call('c1', 'f', '{"a":1}')] },
        { role: 'tool', tool_call_id: 'c1', content: '{"temp":18}' },
      ],
      contents: [
        { role: 'user', parts: [{ text: 'q' }] },
        { role: 'model', parts: [{ text: 'Checking' }, FC('f', { a: 1 })] },
        { role: 'user', parts: [FR('f', { temp: 18 })] },
      ],
    },
    {
      name: 'E10/E11/E12: plain text, non-object JSON and text parts become {output}',
      messages: [
        { role: 'user', content: 'q' },
        { role: 'assistant', tool_calls: [call('a', 'f1'), call('b', 'f2'), call('c', 'f3')] },
        { role: 'tool', tool_call_id: 'a', content: '18C' },
        { role: 'tool', tool_call_id: 'b', content: '[1,2]' },
        {
          role: 'tool',
          tool_call_id: 'c',
          content: [
            { type: 'text', text: 'a' },
            { type: 'text', text: 'b' },
          ],
        },
      ],
      contents: [
        { role: 'user', parts: [{ text: 'q' }] },
        { role: 'model', parts: [FC('f1'), FC('f2'), FC('f3')] },
        {
          role: 'user',
          parts: [
            FR('f1', { output: '18C' }),
            FR('f2', { output: '[1,2]' }),
            FR('f3', { output: 'a\nb' }),
          ],
        },
      ],
    },
    {
      name: 'E14: parallel results out of order are put back in call order',
      messages: [
        { role: 'user', content: 'q' },
        { role: 'assistant', tool_calls: [call('a', 'f1'), call('b', 'f2')] },
        { role: 'tool', tool_call_id: 'b', content: 'B' },
        { role: 'tool', tool_call_id: 'a', content: 'A' },
      ],
      contents: [
        { role: 'user', parts: [{ text: 'q' }] },
        { role: 'model', parts: [FC('f1'), FC('f2')] },
        { role: 'user', parts: [FR('f1', { output: 'A' }), FR('f2', { output: 'B' })] },
      ],
    },
    {
      name: 'E15: a user message between calls and results follows the results',
      messages: [
        { role: 'user', content: 'q' },
        { role: 'assistant', tool_calls: [call('a', 'f1'), call('b', 'f2')] },
        { role: 'tool', tool_call_id: 'a', content: 'A' },
        { role: 'user', content: 'continue' },
        { role: 'tool', tool_call_id: 'b', content: 'B' },
      ],
      contents: [
        { role: 'user', parts: [{ text: 'q' }] },
        { role: 'model', parts: [FC('f1'), FC('f2')] },
        {
          role: 'user',
          parts: [FR('f1', { output: 'A' }), FR('f2', { output: 'B' }), { text: 'continue' }],
        },
      ],
    },
    {
      name: 'E16: a missing result of an earlier turn gets an error result',
      messages: [
        { role: 'user', content: 'q' },
        { role: 'assistant', tool_calls: [call('a', 'f1'), call('b', 'f2')] },
        { role: 'tool', tool_call_id: 'a', content: 'A' },
        { role: 'user', content: 'next' },
      ],
      contents: [
        { role: 'user', parts: [{ text: 'q' }] },
        { role: 'model', parts: [FC('f1'), FC('f2')] },
        {
          role: 'user',
          parts: [
            FR('f1', { output: 'A' }),
            FR('f2', { error: 'no result was provided for this call' }),
            { text: 'next' },
          ],
        },
      ],
    },
    {
      name: 'E18: deprecated function role answers the legacy function_call',
      messages: [
        { role: 'user', content: 'q' },
        { role: 'assistant', content: null, function_call: { name: 'f', arguments: '{"x":1}' } },
        { role: 'function', name: 'f', content: 'x' },
      ],
      contents: [
        { role: 'user', parts: [{ text: 'q' }] },
        { role: 'model', parts: [FC('f', { x: 1 })] },
        { role: 'user', parts: [FR('f', { output: 'x' })] },
      ],
    },
    {
      name: 'E19: duplicate results for one id: the last one wins',
      messages: [
        { role: 'user', content: 'q' },
        { role: 'assistant', tool_calls: [call('a', 'f')] },
        { role: 'tool', tool_call_id: 'a', content: 'old' },
        { role: 'tool', tool_call_id: 'a', content: 'new' },
      ],
      contents: [
        { role: 'user', parts: [{ text: 'q' }] },
        { role: 'model', parts: [FC('f')] },
        { role: 'user', parts: [FR('f', { output: 'new' })] },
      ],
    },
    {
      name: 'E20: a trailing assistant prefill is kept',
      messages: [
        { role: 'user', content: 'Write a poem' },
        { role: 'assistant', content: 'Roses' },
      ],
      contents: [
        { role: 'user', parts: [{ text: 'Write a poem' }] },
        { role: 'model', parts: [{ text: 'Roses' }] },
      ],
    },
    {
      name: 'two call turns in a row each get their own results',
      messages: [
        { role: 'user', content: 'q' },
        { role: 'assistant', tool_calls: [call('a', 'f1')] },
        { role: 'tool', tool_call_id: 'a', content: 'A' },
        { role: 'assistant', tool_calls: [call('b', 'f2')] },
        { role: 'tool', tool_call_id: 'b', content: 'B' },
      ],
      contents: [
        { role: 'user', parts: [{ text: 'q' }] },
        { role: 'model', parts: [FC('f1')] },
        { role: 'user', parts: [FR('f1', { output: 'A' })] },
        { role: 'model', parts: [FC('f2')] },
        { role: 'user', parts: [FR('f2', { output: 'B' })] },
      ],
    },
  ])('$name', ({ messages, contents }) => {
    expect(convert(messages as Messages).request.contents).toEqual(contents);
  });

  it('E20: dropTrailingAssistant removes the prefill', () => {
    const { request } = convert(
      [
        { role: 'user', content: 'Write' },
        { role: 'assistant', content: 'Roses' },
      ],
      {},
      { dropTrailingAssistant: true },
    );
    expect(request.contents).toEqual([{ role: 'user', parts: [{ text: 'Write' }] }]);
  });

  it.each([
    {
      name: 'E17: unanswered calls at the end',
      messages: [
        { role: 'user', content: 'q' },
        { role: 'assistant', tool_calls: [call('a', 'f')] },
      ],
      param: 'messages[1]',
    },
    {
      name: 'E18: orphan tool message without name',
      messages: [
        { role: 'user', content: 'q' },
        { role: 'tool', tool_call_id: 'zz', content: 'x' },
      ],
      param: 'messages[1].tool_call_id',
    },
    {
      name: 'E33: invalid arguments in history',
      messages: [
        { role: 'user', content: 'q' },
        { role: 'assistant', tool_calls: [call('a', 'f', '{a:1')] },
        { role: 'tool', tool_call_id: 'a', content: 'x' },
      ],
      param: 'messages[1].tool_calls[0].function.arguments',
    },
  ])('$name → 400 with param', ({ messages, param }) => {
    expect(errorOf(() => convert(messages as Messages)).param).toBe(param);
  });

  it('E33: empty arguments become {}', () => {
    const { request } = convert([
      { role: 'user', content: 'q' },
      { role: 'assistant', tool_calls: [call('a', 'f', '')] },
      { role: 'tool', tool_call_id: 'a', content: 'x' },
    ]);
    expect(request.contents[1]?.parts).toEqual([FC('f', {})]);
  });

  it('E13: an image in a tool result nests on Gemini 3 and follows as a sibling on 2.5', () => {
    const messages = [
      { role: 'user', content: 'q' },
      { role: 'assistant', tool_calls: [call('a', 'f')] },
      {
        role: 'tool',
        tool_call_id: 'a',
        content: [
          { type: 'text', text: 'see' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
        ],
      },
    ] as Messages;
    const image = { inlineData: { mimeType: 'image/png', data: 'AAAA' } };
    expect(convert(messages).request.contents[2]?.parts).toEqual([
      FR('f', { output: 'see' }),
      image,
    ]);
    const three = convert(messages, { model: 'gemini-3-flash-preview' }).request.contents[2]?.parts;
    expect(three).toEqual([
      { functionResponse: { name: 'f', response: { output: 'see' }, parts: [image] } },
    ]);
  });
});

describe('thought signatures on replay (translation.md §6.5)', () => {
  const turn = (calls: ReturnType<typeof call>[]) =>
    [
      { role: 'user', content: 'q' },
      { role: 'assistant', tool_calls: calls },
      ...calls.map((entry) => ({
        role: 'tool',
        tool_call_id: entry.id.split('__thought__')[0],
        content: 'r',
      })),
    ] as Messages;
  const signatures = (messages: Messages, model: string, options: ConvertRequestOptions = {}) =>
    convert(messages, { model }, options).request.contents[1]?.parts.map(
      (part) => part.thoughtSignature,
    );

  it.each([
    {
      name: 'E66: extra_content',
      calls: [call('a', 'f', '{}', { extra_content: { google: { thought_signature: 'S1' } } })],
      expected: ['S1'],
    },
    {
      name: 'function.extra_content',
      calls: [
        {
          id: 'a',
          type: 'function' as const,
          function: {
            name: 'f',
            arguments: '{}',
            extra_content: { google: { thought_signature: 'S3' } },
          },
        },
      ],
      expected: ['S3'],
    },
    {
      name: 'provider_specific_fields',
      calls: [call('a', 'f', '{}', { provider_specific_fields: { thought_signature: 'S4' } })],
      expected: ['S4'],
    },
    {
      name: 'E67: LiteLLM __thought__ id',
      calls: [call('call_x__thought__S2', 'f')],
      expected: ['S2'],
    },
    {
      name: 'E68: nothing recoverable → sentinel on every call',
      calls: [call('a', 'f'), call('b', 'g')],
      expected: [SKIP_THOUGHT_SIGNATURE, SKIP_THOUGHT_SIGNATURE],
    },
    {
      name: 'E69: first signed, second not → replayed as is',
      calls: [
        call('a', 'f', '{}', { extra_content: { google: { thought_signature: 'S1' } } }),
        call('b', 'g'),
      ],
      expected: ['S1', undefined],
    },
  ])('$name (gemini-3)', ({ calls, expected }) => {
    expect(signatures(turn(calls), 'gemini-3-pro-preview')).toEqual(expected);
  });

  it('recovers from the cache when the client dropped extra_content', () => {
    const cache = new LruSignatureCache(10);
    cache.set('a', { signature: 'CACHED', model: 'gemini-3-pro-preview' });
    expect(
      signatures(turn([call('a', 'f')]), 'gemini-3-pro-preview', { signatureCache: cache }),
    ).toEqual(['CACHED']);
  });

  it('E70: Gemini 2.5 without signatures gets no sentinel', () => {
    expect(signatures(turn([call('a', 'f')]), 'gemini-2.5-flash')).toEqual([undefined]);
  });

  it('E71: a signature from another model family is stripped', () => {
    const cache = new LruSignatureCache(10);
    cache.set('a', { signature: 'S1', model: 'gemini-3-pro-preview' });
    const calls = [
      call('a', 'f', '{}', { extra_content: { google: { thought_signature: 'S1' } } }),
    ];
    expect(signatures(turn(calls), 'gemini-2.5-flash', { signatureCache: cache })).toEqual([
      undefined,
    ]);
  });

  it('the LRU evicts the least recently used entry', () => {
    const cache = new LruSignatureCache(2);
    cache.set('a', { signature: '1', model: 'm' });
    cache.set('b', { signature: '2', model: 'm' });
    cache.get('a');
    cache.set('c', { signature: '3', model: 'm' });
    expect([
      cache.get('a')?.signature,
      cache.get('b'),
      cache.get('c')?.signature,
      cache.size,
    ]).toEqual(['1', undefined, '3', 2]);
  });
});
