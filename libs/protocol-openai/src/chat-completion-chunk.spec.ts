import { chatCompletionChunkSchema } from './chat-completion-chunk';
import { chatCompletionResponseSchema } from './chat-completion-response';
import { openAIErrorBodySchema, createOpenAIErrorBody } from './openai-error-body';

describe('chatCompletionChunkSchema', () => {
  it('accepts a role chunk, a tool-call fragment and the usage-only final chunk', () => {
    const base = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'm' };
    const chunks = [
      {
        ...base,
        choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }],
        usage: null,
      },
      {
        ...base,
        choices: [
          {
            index: 0,
            delta: {
              tool_calls: [
                { index: 0, id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } },
              ],
            },
            finish_reason: null,
          },
        ],
      },
      { ...base, choices: [], usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 } },
    ];
    for (const chunk of chunks)
      expect(chatCompletionChunkSchema.safeParse(chunk).success).toBe(true);
  });

  it('rejects a finish reason OpenAI does not define', () => {
    const chunk = {
      id: 'x',
      object: 'chat.completion.chunk',
      created: 1,
      model: 'm',
      choices: [{ index: 0, delta: {}, finish_reason: 'max_tokens' }],
    };
    expect(chatCompletionChunkSchema.safeParse(chunk).success).toBe(false);
  });
});

describe('chatCompletionResponseSchema', () => {
  it('rejects a response whose message content is an array', () => {
    const response = {
      id: 'x',
      object: 'chat.completion',
      created: 1,
      model: 'm',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: [] },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
    };
    expect(chatCompletionResponseSchema.safeParse(response).success).toBe(false);
  });
});

describe('createOpenAIErrorBody', () => {
  it('fills param and code with null so the body matches OpenAI exactly', () => {
    const body = createOpenAIErrorBody({ message: 'bad', type: 'invalid_request_error' });
    expect(body).toEqual({
      error: { message: 'bad', type: 'invalid_request_error', param: null, code: null },
    });
    expect(openAIErrorBodySchema.safeParse(body).success).toBe(true);
  });
});
