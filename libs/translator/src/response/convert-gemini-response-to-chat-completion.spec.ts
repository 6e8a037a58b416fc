import { convertGeminiResponseToChatCompletion } from './convert-gemini-response-to-chat-completion';

const options = {
  model: 'gemini-2.5-flash',
  generateId: () => 'GEN',
  now: () => 1_767_225_600_000,
};

describe('convertGeminiResponseToChatCompletion', () => {
  it('E45/E46/E54: joins text parts without separators, thoughts to reasoning_content, usage with thoughts', () => {
    const completion = convertGeminiResponseToChatCompletion(
      {
        candidates: [
          {
            content: {
              role: 'model',
              parts: [{ text: 'plan', thought: true }, { text: 'Hel' }, { text: 'lo' }],
            },
            finishReason: 'STOP',
            index: 0,
          },
        ],
        usageMetadata: {
          promptTokenCount: 100,
          cachedContentTokenCount: 60,
          candidatesTokenCount: 20,
          thoughtsTokenCount: 30,
          totalTokenCount: 150,
        },
        responseId: 'r1',
        createTime: '2026-08-21T10:00:01.5Z',
      },
      options,
    );
    expect(completion).toEqual({
      id: 'chatcmpl-r1',
      object: 'chat.completion',
      created: 1_787_306_401,
      model: 'gemini-2.5-flash',
      system_fingerprint: null,
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: 'Hello',
            refusal: null,
            reasoning_content: 'plan',
          },
          logprobs: null,
          finish_reason: 'stop',
          native_finish_reason: 'stop',
        },
      ],
      usage: {
        prompt_tokens: 100,
        completion_tokens: 50,
        total_tokens: 150,
        prompt_tokens_details: { cached_tokens: 60 },
        completion_tokens_details: { reasoning_tokens: 30 },
      },
    });
  });

  it('E49: keeps partial text on RECITATION and reports content_filter', () => {
    const { choices } = convertGeminiResponseToChatCompletion(
      { candidates: [{ content: { parts: [{ text: 'Once upon' }] }, finishReason: 'RECITATION' }] },
      options,
    );
    expect(choices[0]).toMatchObject({
      message: { content: 'Once upon' },
      finish_reason: 'content_filter',
      native_finish_reason: 'recitation',
    });
  });

  it('E50: OTHER with no output is a content filter, with output it is a stop', () => {
    const empty = convertGeminiResponseToChatCompletion(
      { candidates: [{ finishReason: 'OTHER' }] },
      options,
    );
    expect(empty.choices[0]).toMatchObject({
      message: { content: null },
      finish_reason: 'content_filter',
    });
    const text = convertGeminiResponseToChatCompletion(
      { candidates: [{ content: { parts: [{ text: 'x' }] }, finishReason: 'OTHER' }] },
      options,
    );
    expect(text.choices[0]?.finish_reason).toBe('stop');
  });

  it('E51: a blocked prompt becomes one content_filter choice with a refusal', () => {
    const completion = convertGeminiResponseToChatCompletion(
      {
        promptFeedback: { blockReason: 'PROHIBITED_CONTENT' },
        usageMetadata: { promptTokenCount: 9 },
      },
      options,
    );
    expect(completion.choices).toEqual([
      {
        index: 0,
        message: {
          role: 'assistant',
          content: null,
          refusal: 'Prompt blocked by Gemini (PROHIBITED_CONTENT)',
        },
        logprobs: null,
        finish_reason: 'content_filter',
        native_finish_reason: 'prohibited_content',
      },
    ]);
    expect(completion.usage).toMatchObject({
      prompt_tokens: 9,
      completion_tokens: 0,
      total_tokens: 9,
    });
  });

  it('E55: every candidate becomes a choice, ordered by index', () => {
    const { choices } = convertGeminiResponseToChatCompletion(
      {
        candidates: [
          { content: { parts: [{ text: 'second' }] }, finishReason: 'MAX_TOKENS', index: 1 },
          { content: { parts: [{ text: 'first' }] }, finishReason: 'STOP', index: 0 },
        ],
      },
      options,
    );
    expect(
      choices.map((choice) => [choice.index, choice.message.content, choice.finish_reason]),
    ).toEqual([
      [0, 'first', 'stop'],
      [1, 'second', 'length'],
    ]);
  });

  it('uses a generated id and the clock when Gemini gives neither', () => {
    const completion = convertGeminiResponseToChatCompletion({ candidates: [] }, options);
    expect(completion.id).toBe('chatcmpl-GEN');
    expect(completion.created).toBe(1_767_225_600);
  });
});
