import { fitRequestToModel } from './fit-request-to-model';
import { describeGeminiModel } from './model-catalog';

const contents = [{ role: 'user', parts: [{ text: 'hi' }] }];

describe('fitRequestToModel', () => {
  it('leaves a request the model accepts untouched (same object)', () => {
    const request = {
      contents,
      generationConfig: { maxOutputTokens: 1000, thinkingConfig: { thinkingLevel: 'high' } },
    };
    const fitted = fitRequestToModel(request, describeGeminiModel('gemini-3-pro-preview'));
    expect(fitted.request).toBe(request);
    expect(fitted.warnings).toEqual([]);
  });

  it('clamps the output limit and drops penalties on Gemini 3, naming each change', () => {
    const fitted = fitRequestToModel(
      {
        contents,
        generationConfig: { maxOutputTokens: 128_000, presencePenalty: 0.5, temperature: 0.2 },
      },
      describeGeminiModel('gemini-3.1-pro-preview'),
    );
    expect(fitted.request.generationConfig).toEqual({ maxOutputTokens: 65_536, temperature: 0.2 });
    expect(fitted.warnings).toEqual([
      'generationConfig.maxOutputTokens',
      'generationConfig.presencePenalty',
    ]);
  });

  it('keeps penalties for Gemini 2.5', () => {
    const request = { contents, generationConfig: { frequencyPenalty: 0.3 } };
    expect(fitRequestToModel(request, describeGeminiModel('gemini-2.5-flash')).warnings).toEqual(
      [],
    );
  });

  it.each([
    ['gemini-3.1-pro-preview', 'MINIMAL', 'LOW'],
    ['gemini-3-pro-preview', 'medium', 'HIGH'],
    ['gemini-3-flash-preview', 'minimal', 'minimal'],
  ])('on %s turns thinkingLevel %s into %s', (id, level, expected) => {
    const fitted = fitRequestToModel(
      { contents, generationConfig: { thinkingConfig: { thinkingLevel: level } } },
      describeGeminiModel(id),
    );
    expect(fitted.request.generationConfig?.thinkingConfig?.thinkingLevel).toBe(expected);
  });

  it.each([
    ['gemini-2.5-pro', { thinkingLevel: 'LOW' }, { thinkingBudget: 1024 }],
    ['gemini-2.5-pro', { thinkingLevel: 'HIGH' }, { thinkingBudget: 32_768 }],
    ['gemini-2.5-pro', { thinkingBudget: 0 }, { thinkingBudget: 128 }],
    ['gemini-2.5-flash', { thinkingLevel: 'minimal' }, { thinkingBudget: 0 }],
    ['gemini-2.5-flash-lite', { thinkingBudget: 100 }, { thinkingBudget: 512 }],
    [
      'gemini-2.5-flash',
      { thinkingBudget: 99_999, includeThoughts: true },
      { thinkingBudget: 24_576, includeThoughts: true },
    ],
    [
      'gemini-3-flash-preview',
      { thinkingBudget: 50, thinkingLevel: 'low' },
      { thinkingLevel: 'LOW' },
    ],
  ])('on %s turns %j into %j', (id, thinkingConfig, expected) => {
    const fitted = fitRequestToModel(
      { contents, generationConfig: { thinkingConfig } },
      describeGeminiModel(id),
    );
    expect(fitted.request.generationConfig?.thinkingConfig).toEqual(expected);
    expect(fitted.warnings).toHaveLength(1);
  });
});
