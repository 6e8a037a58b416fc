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
