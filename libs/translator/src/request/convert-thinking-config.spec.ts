import {
  chatCompletionRequestSchema,
  type ChatCompletionRequestInput,
} from '@geminicli2api/protocol-openai';
import { convertChatRequestToGemini } from './convert-chat-request-to-gemini';

function convert(model: string, extra: Partial<ChatCompletionRequestInput>) {
  return convertChatRequestToGemini(
    chatCompletionRequestSchema.parse({
      model,
      messages: [{ role: 'user', content: 'x' }],
      ...extra,
    }),
  );
}

describe('reasoning effort naming a level the model does not take', () => {
  it.each([
    ['gemini-3.1-pro-preview', 'minimal', 'low'],
    ['gemini-3-pro-preview', 'minimal', 'low'],
    ['gemini-3-pro-preview', 'medium', 'high'],
  ] as const)('%s: reasoning_effort %s is sent as %s, with a warning', (model, effort, sent) => {
    const { request, warnings } = convert(model, { reasoning_effort: effort });
    expect(request.generationConfig?.thinkingConfig?.thinkingLevel).toBe(sent);
    expect(warnings).toEqual([
      {
        param: 'reasoning_effort',
        message: `${model} does not take thinking level "${effort}"; "${sent}" was sent.`,
      },
    ]);
  });

  it('names reasoning.effort when the effort came that way (OpenRouter, the Responses API)', () => {
    const { warnings } = convert('gemini-3.1-pro-preview', { reasoning: { effort: 'minimal' } });
    expect(warnings.map((warning) => warning.param)).toEqual(['reasoning.effort']);
  });

  it.each([
    ['gemini-3.1-pro-preview', 'medium'],
    ['gemini-3-flash-preview', 'minimal'],
    ['gemini-3.1-pro-preview', 'high'],
    ['gemini-2.5-pro', 'minimal'],
    ['gemini-3.1-pro-preview', 'xhigh'],
  ] as const)('%s: reasoning_effort %s needs no warning', (model, effort) => {
    expect(convert(model, { reasoning_effort: effort }).warnings).toEqual([]);
  });
});

describe('thinking the model cannot switch off', () => {
  it.each([
    [
      'gemini-2.5-pro',
      { reasoning_effort: 'none' },
      'reasoning_effort',
      'a thinking budget of 128 tokens',
    ],
    [
      'gemini-3-pro-preview',
      { thinking: { type: 'disabled' } },
      'thinking',
      'thinking level "low"',
    ],
  ] as const)(
    '%s: %j is sent as the least thinking it allows, with a warning',
    (model, extra, param, sent) => {
      expect(convert(model, extra as Partial<ChatCompletionRequestInput>).warnings).toEqual([
        {
          param,
          message: `${model} cannot switch thinking off; the least it allows (${sent}) was sent.`,
        },
      ]);
    },
  );

  it('gemini-2.5-flash switches it off, with no warning', () => {
    const { request, warnings } = convert('gemini-2.5-flash', { reasoning_effort: 'none' });
    expect(request.generationConfig?.thinkingConfig).toEqual({
      thinkingBudget: 0,
      includeThoughts: false,
    });
    expect(warnings).toEqual([]);
  });
});
