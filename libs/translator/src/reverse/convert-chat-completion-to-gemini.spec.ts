import { generateContentResponseSchema } from '@geminicli2api/protocol-gemini';
import type { ChatCompletionResponse, OpenAIChoice } from '@geminicli2api/protocol-openai';
import { convertChatCompletionToGemini } from './convert-chat-completion-to-gemini';
import { mapOpenAIErrorToGeminiError } from './map-openai-error-to-gemini-error';

const completion = (
  choices: OpenAIChoice[],
  extra: Partial<ChatCompletionResponse> = {},
): ChatCompletionResponse => ({
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1_767_225_600,
  model: 'gpt-x',
  choices,
  ...extra,
});
const choice = (
  message: Partial<OpenAIChoice['message']>,
  finish: OpenAIChoice['finish_reason'] = 'stop',
  index = 0,
): OpenAIChoice => ({
  index,
  message: { role: 'assistant', content: null, ...message },
  logprobs: null,
  finish_reason: finish,
});

describe('convertChatCompletionToGemini', () => {
  it('maps reasoning, text, calls, usage and the envelope', () => {
    const { response, warnings } = convertChatCompletionToGemini(
      completion(
        [
          choice(
            {
              content: 'Checking',
              reasoning_content: 'plan',
              tool_calls: [
                {
                  id: 'c1',
                  type: 'function',
                  function: { name: 'f', arguments: '{"a":1}' },
                  extra_content: { google: { thought_signature: 'S1' } },
                },
                { id: 'c2', type: 'function', function: { name: 'g', arguments: '' } },
              ],
            },
            'tool_calls',
          ),
        ],
        {
          usage: {
            prompt_tokens: 10,
            completion_tokens: 50,
            total_tokens: 60,
            completion_tokens_details: { reasoning_tokens: 30 },
          },
        },
      ),
    );
    expect(warnings).toEqual([]);
    expect(response).toEqual({
      candidates: [
        {
          content: {
            role: 'model',
            parts: [
              { text: 'plan', thought: true },
              { text: 'Checking' },
              { functionCall: { name: 'f', args: { a: 1 } }, thoughtSignature: 'S1' },
              { functionCall: { name: 'g', args: {} } },
            ],
          },
          finishReason: 'STOP',
          index: 0,
        },
      ],
      usageMetadata: {
        promptTokenCount: 10,
        candidatesTokenCount: 20,
        thoughtsTokenCount: 30,
        totalTokenCount: 60,
      },
      modelVersion: 'gpt-x',
      responseId: 'chatcmpl-1',
      createTime: '2026-01-01T00:00:00.000Z',
    });
    expect(generateContentResponseSchema.safeParse(response).success).toBe(true);
  });

  it.each([
    ['stop', 'STOP'],
    ['length', 'MAX_TOKENS'],
    ['tool_calls', 'STOP'],
    ['content_filter', 'SAFETY'],
    ['function_call', 'STOP'],
  ] as const)('finish %s → %s', (finish, expected) => {
    const { response } = convertChatCompletionToGemini(
      completion([choice({ content: 'x' }, finish)]),
    );
    expect(response.candidates?.[0]?.finishReason).toBe(expected);
  });

  it('E79: two choices become two candidates, not one merged candidate', () => {
    const { response } = convertChatCompletionToGemini(
      completion([choice({ content: 'B' }, 'length', 1), choice({ content: 'A' }, 'stop', 0)]),
    );
    expect(response.candidates?.map((c) => [c.index, c.content?.parts, c.finishReason])).toEqual([
      [0, [{ text: 'A' }], 'STOP'],
      [1, [{ text: 'B' }], 'MAX_TOKENS'],
    ]);
  });

  it('invalid argument JSON becomes {} with a warning naming the call', () => {
    const { response, warnings } = convertChatCompletionToGemini(
      completion([
        choice(
          {
            tool_calls: [
              { id: 'c1', type: 'function', function: { name: 'f', arguments: '{a:1' } },
            ],
          },
          'tool_calls',
        ),
      ]),
    );
    expect(response.candidates?.[0]?.content?.parts).toEqual([
      { functionCall: { name: 'f', args: {} } },
    ]);
    expect(warnings).toEqual([
      {
        param: 'choices[0].message.tool_calls[0].function.arguments',
        message: expect.stringContaining('{}'),
      },
    ]);
  });

  it('a refusal without content is a SAFETY candidate carrying the refusal text', () => {
    const { response } = convertChatCompletionToGemini(
      completion([choice({ refusal: 'I cannot help with that.' })]),
    );
    expect(response.candidates?.[0]).toMatchObject({
      content: { parts: [{ text: 'I cannot help with that.' }] },
      finishReason: 'SAFETY',
    });
  });

  it('images become inlineData, ids are kept only on request, an empty choice list stays empty', () => {
    const { response } = convertChatCompletionToGemini(
      completion([
        choice(
          {
            images: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,iVBO' } }],
            tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }],
          },
          'tool_calls',
        ),
      ]),
      { includeCallIds: true },
    );
    expect(response.candidates?.[0]?.content?.parts).toEqual([
      { inlineData: { mimeType: 'image/png', data: 'iVBO' } },
      { functionCall: { id: 'c1', name: 'f', args: {} } },
    ]);
    const empty = convertChatCompletionToGemini(
      completion([], { usage: { prompt_tokens: 3, completion_tokens: 0, total_tokens: 3 } }),
    );
    expect(empty.response).toMatchObject({
      candidates: [],
      usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 0, totalTokenCount: 3 },
    });
  });

  it('logprobs become logprobsResult', () => {
    const withLogprobs = {
      ...choice({ content: 'Hi' }),
      logprobs: {
        content: [
          {
            token: 'Hi',
            logprob: -0.1,
            top_logprobs: [
              { token: 'Hi', logprob: -0.1 },
              { token: 'Yo', logprob: -2 },
            ],
          },
        ],
      },
    };
    const { response } = convertChatCompletionToGemini(completion([withLogprobs]));
    expect(response.candidates?.[0]?.logprobsResult).toEqual({
      chosenCandidates: [{ token: 'Hi', logProbability: -0.1 }],
      topCandidates: [
        {
          candidates: [
            { token: 'Hi', logProbability: -0.1 },
            { token: 'Yo', logProbability: -2 },
          ],
        },
      ],
    });
  });
});

describe('mapOpenAIErrorToGeminiError', () => {
  it.each([
    [400, undefined, 400, 'INVALID_ARGUMENT'],
    [422, undefined, 400, 'INVALID_ARGUMENT'],
    [401, undefined, 401, 'UNAUTHENTICATED'],
    [403, undefined, 403, 'PERMISSION_DENIED'],
    [404, undefined, 404, 'NOT_FOUND'],
    [409, undefined, 409, 'ABORTED'],
    [429, undefined, 429, 'RESOURCE_EXHAUSTED'],
    [500, undefined, 500, 'INTERNAL'],
    [502, undefined, 503, 'UNAVAILABLE'],
    [503, undefined, 503, 'UNAVAILABLE'],
    [504, undefined, 504, 'DEADLINE_EXCEEDED'],
    [undefined, 'rate_limit_error', 429, 'RESOURCE_EXHAUSTED'],
    [undefined, 'something_else', 500, 'INTERNAL'],
  ])('HTTP %s / type %s → %s %s', (http, type, code, status) => {
    const mapped = mapOpenAIErrorToGeminiError({ message: 'boom', type }, http);
    expect(mapped).toEqual({ status: code, body: { error: { code, message: 'boom', status } } });
  });

  it('retry-after on a 429 becomes RetryInfo', () => {
    expect(
      mapOpenAIErrorToGeminiError({ message: 'slow down' }, 429, 7).body.error.details,
    ).toEqual([{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '7s' }]);
  });
});
