import {
  createResponseMeta,
  frameStreamAnswer,
  frameUnaryAnswer,
  planCandidateEvents,
  splitText,
} from './frame-answer';
import type { ModelAnswer } from './model-answer';

const meta = {
  modelVersion: 'gemini-2.5-flash',
  createTime: '2026-01-01T00:00:00.000123Z',
  responseId: 'r1',
  traceId: 't1',
};
const usage = {
  promptTokenCount: 4,
  candidatesTokenCount: 6,
  totalTokenCount: 10,
  trafficType: 'ON_DEMAND',
};

describe('splitText', () => {
  it.each<[string, number, string[]]>([
    ['one two three four five six', 3, ['one two three ', 'four five ', 'six']],
    ['one two', 5, ['one ', 'two']],
    ['single', 3, ['single']],
    ['a b c', 1, ['a b c']],
  ])('splits %j into %d', (text, count, chunks) => {
    expect(splitText(text, count)).toEqual(chunks);
    expect(splitText(text, count).join('')).toBe(text);
  });
});

describe('planCandidateEvents', () => {
  it('keeps thoughts whole, splits text, groups calls and isolates the signature part', () => {
    const events = planCandidateEvents(
      [
        { text: 'thinking hard about it', thought: true },
        { text: 'alpha beta gamma delta' },
        { functionCall: { name: 'a' }, thoughtSignature: 's' },
        { functionCall: { name: 'b' } },
        { text: '', thoughtSignature: 's2' },
      ],
      2,
    );
    expect(events).toEqual([
      [{ text: 'thinking hard about it', thought: true }],
      [{ text: 'alpha beta ' }],
      [{ text: 'gamma delta' }],
      [{ functionCall: { name: 'a' }, thoughtSignature: 's' }, { functionCall: { name: 'b' } }],
      [{ text: '', thoughtSignature: 's2' }],
    ]);
  });

  it('keeps a signature of a split text part on its last chunk only', () => {
    expect(planCandidateEvents([{ text: 'one two three', thoughtSignature: 's' }], 2)).toEqual([
      [{ text: 'one two ' }],
      [{ text: 'three', thoughtSignature: 's' }],
    ]);
  });
});

describe('frameStreamAnswer', () => {
  const answer: ModelAnswer = {
    candidates: [{ parts: [{ text: 'one two three four' }], finishReason: 'STOP' }],
    usageMetadata: usage,
  };

  it('puts finishReason and full usage only on the last event, partial usage before', () => {
    const events = frameStreamAnswer(answer, meta, { chunkCount: 3 });
    expect(events.map((event) => event.response.usageMetadata)).toEqual([
      { trafficType: 'ON_DEMAND' },
      { promptTokenCount: 4, totalTokenCount: 4, trafficType: 'ON_DEMAND' },
      usage,
    ]);
    expect(events.map((event) => event.response.candidates?.[0]?.finishReason)).toEqual([
      undefined,
      undefined,
      'STOP',
    ]);
    expect(
      events.every((event) => event.traceId === 't1' && event.response.responseId === 'r1'),
    ).toBe(true);
    expect(events.map((event) => event.response.createTime)).toEqual([
      meta.createTime,
      undefined,
      undefined,
    ]);
  });

  it('drops finishReason everywhere when asked', () => {
    const events = frameStreamAnswer(answer, meta, { chunkCount: 3, omitFinishReason: true });
    expect(events.some((event) => event.response.candidates?.[0]?.finishReason !== undefined)).toBe(
      false,
    );
  });

  it('gives every candidate its finishReason on the final event, even when it ran out of parts', () => {
    const events = frameStreamAnswer(
      {
        candidates: [
          { parts: [{ text: 'a b c d' }], finishReason: 'STOP' },
          { parts: [{ text: 'x' }], finishReason: 'MAX_TOKENS' },
        ],
        usageMetadata: usage,
      },
      meta,
      { chunkCount: 2 },
    );
    expect(events).toHaveLength(2);
    expect(events[1]?.response.candidates).toEqual([
      { content: { role: 'model', parts: [{ text: 'c d' }] }, finishReason: 'STOP', index: 0 },
      { finishReason: 'MAX_TOKENS', index: 1 },
    ]);
  });

  it('emits a single event for a blocked prompt with no candidates', () => {
    const events = frameStreamAnswer(
      { candidates: [], promptFeedback: { blockReason: 'SAFETY' }, usageMetadata: usage },
      meta,
      { chunkCount: 3 },
    );
    expect(events).toEqual([
      {
        response: {
          candidates: [],
          promptFeedback: { blockReason: 'SAFETY' },
          usageMetadata: usage,
          modelVersion: meta.modelVersion,
          createTime: meta.createTime,
          responseId: 'r1',
        },
        traceId: 't1',
      },
    ]);
  });
});

describe('frameUnaryAnswer', () => {
  it('wraps candidates in the Code Assist envelope with traceId beside response', () => {
    const body = frameUnaryAnswer(
      { candidates: [{ parts: [{ text: 'hi' }], finishReason: 'STOP' }], usageMetadata: usage },
      meta,
    );
    expect(body).toEqual({
      response: {
        candidates: [
          { content: { role: 'model', parts: [{ text: 'hi' }] }, finishReason: 'STOP', index: 0 },
        ],
        usageMetadata: usage,
        modelVersion: 'gemini-2.5-flash',
        createTime: meta.createTime,
        responseId: 'r1',
      },
      traceId: 't1',
    });
  });
});

describe('createResponseMeta', () => {
  it('uses RFC 3339 with microseconds and fresh ids', () => {
    const first = createResponseMeta('gemini-3-flash', Date.UTC(2026, 0, 2, 3, 4, 5, 678));
    const second = createResponseMeta('gemini-3-flash');
    expect(first.createTime).toMatch(/^2026-01-02T03:04:05\.678\d{3}Z$/);
    expect(first.modelVersion).toBe('gemini-3-flash');
    expect(first.traceId).not.toBe(second.traceId);
    expect(first.responseId).not.toBe(second.responseId);
  });
});
