import type { GenerateContentResponse } from '@geminicli2api/protocol-gemini';
import { LruSignatureCache } from '../signature/signature-cache';
import { createChatCompletionChunkTranslator } from '../stream/create-chat-completion-chunk-translator';
import { byteOffsetToCharOffset } from './convert-grounding';
import { convertGeminiResponseToChatCompletion } from './convert-gemini-response-to-chat-completion';

let counter = 0;
const options = () => ({
  model: 'gemini-3-pro-preview',
  generateId: () => `id${counter++}`,
  now: () => 1_767_225_600_000,
});
const candidate = (
  parts: Record<string, unknown>[],
  finishReason = 'STOP',
  extra: Record<string, unknown> = {},
) =>
  ({
    candidates: [{ content: { role: 'model', parts }, finishReason, index: 0, ...extra }],
  }) as GenerateContentResponse;
const message = (response: GenerateContentResponse, extra = {}) =>
  convertGeminiResponseToChatCompletion(response, { ...options(), ...extra }).choices[0];

describe('responses with tools, media and grounding (translation.md §2)', () => {
  beforeEach(() => (counter = 0));

  it('E47/E48: calls → tool_calls with "{}" arguments, content null, finish tool_calls; MAX_TOKENS → length', () => {
    const choice = message(candidate([{ functionCall: { name: 'now' } }]));
    expect(choice).toMatchObject({
      finish_reason: 'tool_calls',
      message: {
        content: null,
        tool_calls: [
          { id: 'call_id0', type: 'function', function: { name: 'now', arguments: '{}' } },
        ],
      },
    });
    expect(
      message(candidate([{ functionCall: { name: 'f', args: {} } }], 'MAX_TOKENS'))?.finish_reason,
    ).toBe('length');
  });

  it('E28: restores sanitised names; Gemini ids are kept', () => {
    const choice = message(
      candidate([{ functionCall: { id: 'g1', name: '_3d_render', args: { a: 1 } } }]),
      { toolNames: new Map([['_3d_render', '3d_render']]) },
    );
    expect(choice?.message.tool_calls).toEqual([
      { id: 'g1', type: 'function', function: { name: '3d_render', arguments: '{"a":1}' } },
    ]);
  });

  it('§6.4: a signature goes to extra_content and into the cache', () => {
    const cache = new LruSignatureCache(10);
    const choice = message(
      candidate([
        { functionCall: { name: 'f', args: {} }, thoughtSignature: 'SIG' },
        { functionCall: { name: 'g', args: {} } },
      ]),
      { signatureCache: cache },
    );
    expect(choice?.message.tool_calls?.map((call) => call.extra_content)).toEqual([
      { google: { thought_signature: 'SIG' } },
      undefined,
    ]);
    expect(cache.get('call_id0')).toEqual({ signature: 'SIG', model: 'gemini-3-pro-preview' });
  });

  it('E52: images → message.images; E53: code execution → fenced blocks', () => {
    const choice = message(
      candidate([
        { text: 'Here' },
        { inlineData: { mimeType: 'image/png', data: 'iVBO' } },
        { executableCode: { language: 'PYTHON', code: 'print(2+2)' } },
        { codeExecutionResult: { outcome: 'OUTCOME_OK', output: '4\n' } },
      ]),
    );
    expect(choice?.message.images).toEqual([
      { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBO' }, index: 0 },
    ]);
    expect(choice?.message.content).toBe(
      'Here\n```python\nprint(2+2)\n```\n\n```output\n4\n\n```\n',
    );
  });

  it('grounding byte offsets become character offsets', () => {
    const text = 'Café au lait. Tea.';
    expect(byteOffsetToCharOffset(text, 6)).toBe(5);
    const grounding = {
      groundingChunks: [{ web: { uri: 'https://a.example', title: 'A' } }],
      groundingSupports: [
        {
          segment: { startIndex: 0, endIndex: 14, text: 'Café au lait.' },
          groundingChunkIndices: [0],
        },
      ],
    };
    const choice = message(candidate([{ text }], 'STOP', { groundingMetadata: grounding }));
    expect(choice?.message.annotations).toEqual([
      {
        type: 'url_citation',
        url_citation: { url: 'https://a.example', title: 'A', start_index: 0, end_index: 13 },
      },
    ]);
  });

  it('logprobs map to OpenAI shape with bytes', () => {
    const choice = message(
      candidate([{ text: 'Hi' }], 'STOP', {
        logprobsResult: {
          chosenCandidates: [{ token: 'Hi', logProbability: -0.1 }],
          topCandidates: [
            {
              candidates: [
                { token: 'Hi', logProbability: -0.1 },
                { token: 'Yo', logProbability: -2 },
              ],
            },
          ],
        },
      }),
    );
    expect(choice?.logprobs).toEqual({
      content: [
        {
          token: 'Hi',
          logprob: -0.1,
          bytes: [72, 105],
          top_logprobs: [
            { token: 'Hi', logprob: -0.1, bytes: [72, 105] },
            { token: 'Yo', logprob: -2, bytes: [89, 111] },
          ],
        },
      ],
      refusal: null,
    });
  });
});

describe('stream tool calls (translation.md §3.3)', () => {
  beforeEach(() => (counter = 0));

  it('E58: calls spread over events get monotonic indexes 0, 1, 2 and finish tool_calls', () => {
    const translator = createChatCompletionChunkTranslator(options());
    const chunks = [
      ...translator.push({
        candidates: [
          {
            content: { parts: [{ functionCall: { name: 'A', args: {} }, thoughtSignature: 'S' }] },
            index: 0,
          },
        ],
        responseId: 'r1',
      }),
      ...translator.push({
        candidates: [
          {
            content: {
              parts: [
                { functionCall: { name: 'B' } },
                { functionCall: { name: 'C', args: { x: 1 } } },
              ],
            },
            finishReason: 'STOP',
            index: 0,
          },
        ],
      }),
      ...translator.end(),
    ];
    const calls = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    expect(
      calls.map((call) => [call.index, call.function?.name, call.function?.arguments]),
    ).toEqual([
      [0, 'A', '{}'],
      [1, 'B', '{}'],
      [2, 'C', '{"x":1}'],
    ]);
    expect(calls[0]?.extra_content).toEqual({ google: { thought_signature: 'S' } });
    expect(chunks.map((chunk) => chunk.choices[0]?.finish_reason).filter(Boolean)).toEqual([
      'tool_calls',
    ]);
    expect(new Set(chunks.map((chunk) => chunk.id))).toEqual(new Set(['chatcmpl-r1']));
  });

  it('§3.4 worked example: reasoning, content and calls never share a delta', () => {
    const translator = createChatCompletionChunkTranslator({ ...options(), includeUsage: true });
    const chunks = [
      ...translator.push({
        candidates: [
          {
            content: { role: 'model', parts: [{ text: 'Need weather.', thought: true }] },
            index: 0,
          },
        ],
        usageMetadata: { promptTokenCount: 20, totalTokenCount: 20 },
        responseId: 'r1',
      }),
      ...translator.push({
        candidates: [{ content: { role: 'model', parts: [{ text: 'Checking' }] }, index: 0 }],
        responseId: 'r1',
      }),
      ...translator.push({
        candidates: [
          {
            content: {
              role: 'model',
              parts: [
                {
                  functionCall: { name: 'get_weather', args: { city: 'Paris' } },
                  thoughtSignature: 'SIG_A',
                },
                { functionCall: { name: 'get_time', args: {} } },
              ],
            },
            index: 0,
          },
        ],
        responseId: 'r1',
      }),
      ...translator.push({
        candidates: [
          { content: { role: 'model', parts: [{ text: '' }] }, finishReason: 'STOP', index: 0 },
        ],
        usageMetadata: {
          promptTokenCount: 20,
          candidatesTokenCount: 12,
          thoughtsTokenCount: 30,
          totalTokenCount: 62,
        },
        responseId: 'r1',
      }),
      ...translator.end(),
    ];
    expect(
      chunks.map((chunk) => [chunk.choices[0]?.delta, chunk.choices[0]?.finish_reason ?? null]),
    ).toMatchInlineSnapshot(`
[
  [
    {
      "content": "",
      "role": "assistant",
    },
    null,
  ],
  [
    {
      "reasoning_content": "Need weather.",
    },
    null,
  ],
  [
    {
      "content": "Checking",
    },
    null,
  ],
  [
    {
      "tool_calls": [
        {
          "extra_content": {
            "google": {
              "thought_signature": "SIG_A",
            },
          },
          "function": {
            "arguments": "{"city":"Paris"}",
            "name": "get_weather",
          },
          "id": "call_id0",
          "index": 0,
          "type": "function",
        },
        {
          "function": {
            "arguments": "{}",
            "name": "get_time",
          },
          "id": "call_id1",
          "index": 1,
          "type": "function",
        },
      ],
    },
    null,
  ],
  [
    {},
    "tool_calls",
  ],
  [
    undefined,
    null,
  ],
]
`);
    expect(chunks.at(-1)?.usage).toEqual({
      prompt_tokens: 20,
      completion_tokens: 42,
      total_tokens: 62,
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 30 },
    });
  });
});
