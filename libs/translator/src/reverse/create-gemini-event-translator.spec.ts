import type { ChatCompletionChunk, OpenAIChunkChoice } from '@geminicli2api/protocol-openai';
import {
  createGeminiEventTranslator,
  type GeminiStreamEvent,
  type OpenAIStreamEvent,
} from './create-gemini-event-translator';

const chunk = (
  choices: OpenAIChunkChoice[],
  usage?: ChatCompletionChunk['usage'],
): ChatCompletionChunk => ({
  id: 'chatcmpl-9',
  object: 'chat.completion.chunk',
  created: 1_767_225_600,
  model: 'gpt-x',
  choices,
  ...(usage === undefined ? {} : { usage }),
});
const delta = (
  d: OpenAIChunkChoice['delta'],
  finish: OpenAIChunkChoice['finish_reason'] = null,
  index = 0,
): OpenAIChunkChoice => ({
  index,
  delta: d,
  finish_reason: finish,
});
const USAGE = {
  prompt_tokens: 10,
  completion_tokens: 50,
  total_tokens: 60,
  completion_tokens_details: { reasoning_tokens: 30 },
};

function run(events: OpenAIStreamEvent[], end = true) {
  const translator = createGeminiEventTranslator();
  const out: GeminiStreamEvent[] = events.flatMap((event) => translator.push(event));
  if (end) out.push(...translator.end());
  return { out, warnings: translator.warnings };
}
/** Compact view: the candidates (or error) and usage of each event. */
const view = (events: GeminiStreamEvent[]) =>
  events.map((event) =>
    'error' in event
      ? { error: event.error }
      : { candidates: event.candidates, usage: event.usageMetadata },
  );

describe('createGeminiEventTranslator', () => {
  it('emits reasoning and text at once, and holds the finish until usage so the last event has both', () => {
    const { out } = run(
      [
        chunk([delta({ role: 'assistant', content: '' })]),
        chunk([delta({ reasoning_content: 'think' })]),
        chunk([delta({ content: 'Hel' })]),
        chunk([delta({ content: 'lo' })]),
        chunk([delta({}, 'stop')]),
        chunk([], USAGE),
      ],
      false,
    );
    expect(view(out)).toEqual([
      {
        candidates: [
          { content: { role: 'model', parts: [{ text: 'think', thought: true }] }, index: 0 },
        ],
        usage: undefined,
      },
      {
        candidates: [{ content: { role: 'model', parts: [{ text: 'Hel' }] }, index: 0 }],
        usage: undefined,
      },
      {
        candidates: [{ content: { role: 'model', parts: [{ text: 'lo' }] }, index: 0 }],
        usage: undefined,
      },
      {
        candidates: [{ content: { role: 'model', parts: [] }, finishReason: 'STOP', index: 0 }],
        usage: {
          promptTokenCount: 10,
          candidatesTokenCount: 20,
          thoughtsTokenCount: 30,
          totalTokenCount: 60,
        },
      },
    ]);
    expect(
      out.every(
        (event) =>
          !('error' in event) &&
          event.responseId === 'chatcmpl-9' &&
          event.modelVersion === 'gpt-x',
      ),
    ).toBe(true);
    expect(out[0]).toHaveProperty('createTime', '2026-01-01T00:00:00.000Z');
    expect(out[1]).not.toHaveProperty('createTime');
  });

  it('E77: fragments keyed by index (id only on the first) become one functionCall with the finish', () => {
    const { out, warnings } = run([
      chunk([
        delta({
          tool_calls: [
            { index: 0, id: 'c1', type: 'function', function: { name: 'f', arguments: '' } },
          ],
        }),
      ]),
      chunk([delta({ tool_calls: [{ index: 0, function: { arguments: '{"a":' } }] })]),
      chunk([delta({ tool_calls: [{ index: 0, function: { arguments: '1}' } }] })]),
      chunk([delta({}, 'tool_calls')]),
    ]);
    expect(view(out)).toEqual([
      {
        candidates: [
          {
            content: { role: 'model', parts: [{ functionCall: { name: 'f', args: { a: 1 } } }] },
            finishReason: 'STOP',
            index: 0,
          },
        ],
        usage: undefined,
      },
    ]);
    expect(warnings).toEqual([]);
  });

  it('parallel calls interleaved out of order are emitted in index order; invalid JSON → {} plus a warning', () => {
    const { out, warnings } = run([
      chunk([
        delta({
          tool_calls: [
            { index: 1, id: 'c2', function: { name: 'g', arguments: '{"b"' } },
            { index: 0, id: 'c1', function: { name: 'f', arguments: '{}' } },
          ],
        }),
      ]),
      chunk([delta({ tool_calls: [{ index: 1, function: { arguments: ':oops' } }] })]),
      chunk([delta({}, 'tool_calls')]),
    ]);
    const last = out.at(-1);
    expect(last && !('error' in last) && last.candidates?.[0]?.content?.parts).toEqual([
      { functionCall: { name: 'f', args: {} } },
      { functionCall: { name: 'g', args: {} } },
    ]);
    expect(warnings).toEqual([
      { param: 'choices[0].delta.tool_calls[1].function.arguments', message: expect.any(String) },
    ]);
  });

  it('E78: reverse usage subtracts reasoning from completion and keeps cached tokens', () => {
    const { out } = run([
      chunk([delta({ content: 'x' }, 'length')]),
      chunk([], {
        prompt_tokens: 10,
        completion_tokens: 50,
        total_tokens: 60,
        prompt_tokens_details: { cached_tokens: 4 },
        completion_tokens_details: { reasoning_tokens: 30 },
      }),
    ]);
    expect(view(out).at(-1)).toEqual({
      candidates: [{ content: { role: 'model', parts: [] }, finishReason: 'MAX_TOKENS', index: 0 }],
      usage: {
        promptTokenCount: 10,
        candidatesTokenCount: 20,
        thoughtsTokenCount: 30,
        cachedContentTokenCount: 4,
        totalTokenCount: 60,
      },
    });
    expect(out).toHaveLength(2); // end() after the final event adds nothing
  });

  it('E79: n=2 keeps separate candidates and one final event finishes both', () => {
    const { out } = run([
      chunk([delta({ content: 'A' }, null, 0), delta({ content: 'B' }, null, 1)]),
      chunk([delta({}, 'stop', 1)]),
      chunk([delta({}, 'content_filter', 0)]),
      chunk([], USAGE),
    ]);
    expect(view(out)).toEqual([
      {
        candidates: [
          { content: { role: 'model', parts: [{ text: 'A' }] }, index: 0 },
          { content: { role: 'model', parts: [{ text: 'B' }] }, index: 1 },
        ],
        usage: undefined,
      },
      {
        candidates: [
          { content: { role: 'model', parts: [] }, finishReason: 'SAFETY', index: 0 },
          { content: { role: 'model', parts: [] }, finishReason: 'STOP', index: 1 },
        ],
        usage: expect.objectContaining({ totalTokenCount: 60 }),
      },
    ]);
  });

  it('without a usage chunk the finish waits for end() ([DONE]); a stream without finish ends as STOP', () => {
    const translator = createGeminiEventTranslator();
    expect(translator.push(chunk([delta({ content: 'hi' }, 'stop')]))).toHaveLength(1);
    expect(view(translator.end())).toEqual([
      {
        candidates: [{ content: { role: 'model', parts: [] }, finishReason: 'STOP', index: 0 }],
        usage: undefined,
      },
    ]);
    expect(view(run([chunk([delta({ content: 'cut' })])]).out).at(-1)).toEqual({
      candidates: [{ content: { role: 'model', parts: [] }, finishReason: 'STOP', index: 0 }],
      usage: undefined,
    });
  });

  it('an error chunk becomes a Gemini error body and ends the stream', () => {
    const { out } = run([
      chunk([delta({ content: 'par' })]),
      {
        error: {
          message: 'Rate limit reached',
          type: 'rate_limit_error',
          param: null,
          code: 'rate_limit_exceeded',
        },
      },
      chunk([delta({ content: 'more' })]),
    ]);
    expect(view(out)).toEqual([
      {
        candidates: [{ content: { role: 'model', parts: [{ text: 'par' }] }, index: 0 }],
        usage: undefined,
      },
      { error: { code: 429, message: 'Rate limit reached', status: 'RESOURCE_EXHAUSTED' } },
    ]);
  });

  it('keeps thought signatures and, on request, call ids', () => {
    const translator = createGeminiEventTranslator({ includeCallIds: true });
    translator.push(
      chunk([
        delta(
          {
            tool_calls: [
              {
                index: 0,
                id: 'c1',
                function: { name: 'f', arguments: '{}' },
                extra_content: { google: { thought_signature: 'SIG' } },
              },
            ],
          },
          'tool_calls',
        ),
      ]),
    );
    const [last] = translator.end();
    expect(last && !('error' in last) && last.candidates?.[0]?.content?.parts).toEqual([
      { functionCall: { id: 'c1', name: 'f', args: {} }, thoughtSignature: 'SIG' },
    ]);
  });
});
