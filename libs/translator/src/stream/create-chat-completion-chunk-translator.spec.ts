import type { GenerateContentResponse } from '@geminicli2api/protocol-gemini';
import {
  chatCompletionChunkSchema,
  type ChatCompletionChunk,
} from '@geminicli2api/protocol-openai';
import { createChatCompletionChunkTranslator } from './create-chat-completion-chunk-translator';

const clock = { generateId: () => 'GEN', now: () => 1_767_225_600_000 };

function run(events: GenerateContentResponse[], includeUsage = false): ChatCompletionChunk[] {
  const translator = createChatCompletionChunkTranslator({
    model: 'gemini-3-pro-preview',
    includeUsage,
    ...clock,
  });
  const chunks = events.flatMap((event) => translator.push(event));
  return [...chunks, ...translator.end()];
}

/** Compact view: [choice index, delta, finish_reason] per chunk, or 'usage'. */
function view(chunks: ChatCompletionChunk[]) {
  return chunks.map((chunk) =>
    chunk.choices.length === 0
      ? ['usage', chunk.usage]
      : [chunk.choices[0]?.index, chunk.choices[0]?.delta, chunk.choices[0]?.finish_reason],
  );
}

const text = (value: string, extra: object = {}) => ({
  content: { role: 'model', parts: [{ text: value }] },
  ...extra,
});

describe('createChatCompletionChunkTranslator', () => {
  it('E56: sends the role first and the same id/created/model on every chunk', () => {
    const chunks = run([
      { candidates: [text('Hi')], responseId: 'r1' },
      { candidates: [text('!', { finishReason: 'STOP' })] },
    ]);
    expect(view(chunks)).toEqual([
      [0, { role: 'assistant', content: '' }, null],
      [0, { content: 'Hi' }, null],
      [0, { content: '!' }, null],
      [0, {}, 'stop'],
    ]);
    expect(new Set(chunks.map((chunk) => `${chunk.id}|${chunk.created}|${chunk.model}`))).toEqual(
      new Set(['chatcmpl-r1|1767225600|gemini-3-pro-preview']),
    );
    for (const chunk of chunks)
      expect(chatCompletionChunkSchema.safeParse(chunk).success).toBe(true);
  });

  it('E57: with include_usage every chunk has usage null and one final chunk carries the last usage', () => {
    const chunks = run(
      [
        { candidates: [text('a')], usageMetadata: { promptTokenCount: 20, totalTokenCount: 20 } },
        {
          candidates: [text('b', { finishReason: 'STOP' })],
          usageMetadata: {
            promptTokenCount: 20,
            candidatesTokenCount: 5,
            thoughtsTokenCount: 3,
            totalTokenCount: 28,
          },
        },
      ],
      true,
    );
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: {
        prompt_tokens: 20,
        completion_tokens: 8,
        total_tokens: 28,
        completion_tokens_details: { reasoning_tokens: 3 },
      },
    });
  });

  it('E57: without include_usage no chunk has a usage key', () => {
    const chunks = run([
      { candidates: [text('a', { finishReason: 'STOP' })], usageMetadata: { totalTokenCount: 1 } },
    ]);
    expect(chunks.some((chunk) => 'usage' in chunk)).toBe(false);
  });

  it('never mixes reasoning and content in one delta, coalescing runs of the same kind', () => {
    const chunks = run([
      {
        candidates: [
          {
            content: {
              parts: [
                { text: 'Need ', thought: true },
                { text: 'weather.', thought: true },
                { text: 'Checking' },
              ],
            },
          },
        ],
      },
    ]);
    expect(view(chunks).slice(1, 3)).toEqual([
      [0, { reasoning_content: 'Need weather.' }, null],
      [0, { content: 'Checking' }, null],
    ]);
  });

  it('E59: a trailing empty part with a signature produces only the finish chunk', () => {
    const chunks = run([
      { candidates: [text('Answer')] },
      {
        candidates: [
          { content: { parts: [{ text: '', thoughtSignature: 'S' }] }, finishReason: 'STOP' },
        ],
      },
    ]);
    expect(view(chunks).slice(2)).toEqual([[0, {}, 'stop']]);
  });

  it('E60: safety mid-stream keeps the text and ends with content_filter', () => {
    const chunks = run([
      { candidates: [text('Once')] },
      { candidates: [text(' upon', { finishReason: 'SAFETY' })] },
    ]);
    expect(view(chunks).slice(1)).toEqual([
      [0, { content: 'Once' }, null],
      [0, { content: ' upon' }, null],
      [0, {}, 'content_filter'],
    ]);
  });

  it('E61: a usage-only event emits nothing but its usage is remembered', () => {
    const translator = createChatCompletionChunkTranslator({
      model: 'm',
      includeUsage: true,
      ...clock,
    });
    expect(
      translator.push({
        usageMetadata: { promptTokenCount: 4, candidatesTokenCount: 2, totalTokenCount: 6 },
      }),
    ).toEqual([]);
    expect(translator.end().at(-1)?.usage).toMatchObject({
      prompt_tokens: 4,
      completion_tokens: 2,
      total_tokens: 6,
    });
  });

  it('E62: n=2 gives each choice its role and finish chunk and one usage chunk after both', () => {
    const chunks = run(
      [
        { candidates: [text('a', { index: 0 }), text('b', { index: 1 })] },
        {
          candidates: [
            { index: 1, finishReason: 'STOP' },
            { index: 0, finishReason: 'MAX_TOKENS' },
          ],
        },
      ],
      true,
    );
    expect(view(chunks)).toEqual([
      [0, { role: 'assistant', content: '' }, null],
      [0, { content: 'a' }, null],
      [1, { role: 'assistant', content: '' }, null],
      [1, { content: 'b' }, null],
      [1, {}, 'stop'],
      [0, {}, 'length'],
      ['usage', expect.objectContaining({ total_tokens: 0 })],
    ]);
  });

  it('E63: end() finishes a choice that never got a finish reason, and says so', () => {
    const translator = createChatCompletionChunkTranslator({ model: 'm', ...clock });
    translator.push({ candidates: [text('partial')] });
    expect(translator.sawFinishReason).toBe(false);
    expect(view(translator.end())).toEqual([[0, {}, 'stop']]);
    const finished = createChatCompletionChunkTranslator({ model: 'm', ...clock });
    finished.push({ candidates: [{ ...text('done'), finishReason: 'STOP' }] });
    expect(finished.sawFinishReason).toBe(true);
    const blocked = createChatCompletionChunkTranslator({ model: 'm', ...clock });
    blocked.push({ promptFeedback: { blockReason: 'SAFETY' } });
    expect(blocked.sawFinishReason).toBe(true);
  });

  it('a blocked prompt streams role, content_filter finish, and usage', () => {
    const chunks = run(
      [
        {
          promptFeedback: { blockReason: 'SAFETY' },
          usageMetadata: { promptTokenCount: 3, totalTokenCount: 3 },
        },
      ],
      true,
    );
    expect(view(chunks)).toEqual([
      [0, { role: 'assistant', content: '' }, null],
      [0, {}, 'content_filter'],
      ['usage', expect.objectContaining({ prompt_tokens: 3 })],
    ]);
  });
});
