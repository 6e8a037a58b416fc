import { validateGenerationConfig } from './validate-generation-config';
import { thinkingLevelsFor, validateThinkingConfig } from './validate-thinking-config';

const jsonSchema = { type: 'object', properties: { answer: { type: 'string' } } };

describe('validateGenerationConfig', () => {
  it.each<[string, string, Record<string, unknown>]>([
    ['boundary temperatures', 'gemini-2.5-flash', { temperature: 2, topP: 0.95, topK: 64 }],
    ['zero temperature', 'gemini-2.5-flash', { temperature: 0 }],
    ['8 candidates', 'gemini-2.5-flash', { candidateCount: 8 }],
    [
      'a JSON schema with its mime type',
      'gemini-2.5-flash',
      {
        responseMimeType: 'application/json',
        responseJsonSchema: { ...jsonSchema, additionalProperties: false },
      },
    ],
    [
      'a legacy schema with its mime type',
      'gemini-2.5-flash',
      {
        responseMimeType: 'application/json',
        responseSchema: { type: 'OBJECT', properties: { a: { type: 'STRING' } } },
      },
    ],
    [
      'a JSON mime type without a schema',
      'gemini-2.5-flash',
      { responseMimeType: 'application/json' },
    ],
    [
      'stop sequences and max tokens',
      'gemini-2.5-flash',
      { stopSequences: ['END'], maxOutputTokens: 5 },
    ],
    [
      'the CLI chat config for 2.5',
      'gemini-2.5-pro',
      {
        temperature: 1,
        topP: 0.95,
        topK: 64,
        thinkingConfig: { includeThoughts: true, thinkingBudget: 8192 },
      },
    ],
    [
      'the CLI chat config for 3',
      'gemini-3-pro-preview',
      { temperature: 1, thinkingConfig: { includeThoughts: true, thinkingLevel: 'HIGH' } },
    ],
  ])('accepts %s', (_name, model, config) => {
    expect(validateGenerationConfig(config, model)).toBeUndefined();
  });

  it.each<[string, string, Record<string, unknown>, string]>([
    [
      'temperature 2.1',
      'gemini-2.5-flash',
      { temperature: 2.1 },
      'temperature value of 2.1 but the supported range is from 0 (inclusive) to 2.0001 (exclusive)',
    ],
    ['negative temperature', 'gemini-2.5-flash', { temperature: -1 }, 'temperature value of -1'],
    ['9 candidates', 'gemini-2.5-flash', { candidateCount: 9 }, 'candidateCount value of 9'],
    ['zero max tokens', 'gemini-2.5-flash', { maxOutputTokens: 0 }, 'max_output_tokens'],
    [
      'an unknown field',
      'gemini-2.5-flash',
      { max_tokens: 10 },
      `Unknown name "max_tokens" at 'request.generation_config'`,
    ],
    [
      'both response schemas',
      'gemini-2.5-flash',
      {
        responseMimeType: 'application/json',
        responseSchema: { type: 'STRING' },
        responseJsonSchema: jsonSchema,
      },
      'response_schema and response_json_schema cannot both be set',
    ],
    [
      'a JSON schema without the mime type',
      'gemini-2.5-flash',
      { responseJsonSchema: jsonSchema },
      'response_json_schema requires response_mime_type to be application/json',
    ],
    [
      'a legacy schema with text/plain',
      'gemini-2.5-flash',
      { responseMimeType: 'text/plain', responseSchema: { type: 'STRING' } },
      'response_schema requires response_mime_type',
    ],
    [
      'a legacy response schema with additionalProperties',
      'gemini-2.5-flash',
      {
        responseMimeType: 'application/json',
        responseSchema: { type: 'OBJECT', additionalProperties: false },
      },
      `Unknown name "additionalProperties" at 'request.generation_config.response_schema'`,
    ],
    [
      'budget and level together',
      'gemini-3-pro-preview',
      { thinkingConfig: { thinkingBudget: 1024, thinkingLevel: 'low' } },
      'thinking_budget and thinking_level are not supported together',
    ],
  ])('rejects %s', (_name, model, config, message) => {
    const failure = validateGenerationConfig(config, model);
    expect(failure?.code).toBe(400);
    expect(failure?.message).toContain(message);
  });
});

describe('validateThinkingConfig', () => {
  it.each<[string, Record<string, unknown>]>([
    ['gemini-3-pro-preview', { thinkingLevel: 'HIGH' }],
    ['gemini-3-pro-preview', { thinkingLevel: 'low' }],
    ['gemini-3.1-pro-preview', { thinkingLevel: 'Medium' }],
    ['gemini-3-flash-preview', { thinkingLevel: 'MINIMAL' }],
    ['gemini-3.1-flash-lite-preview', { thinkingLevel: 'minimal' }],
    ['gemini-3-pro-preview', { thinkingBudget: 128 }],
    ['gemini-2.5-flash', { thinkingBudget: 0 }],
    ['gemini-2.5-flash-lite', { thinkingBudget: 0 }],
    ['gemini-2.5-pro', { thinkingBudget: -1, includeThoughts: true }],
  ])('accepts %s with %j', (model, config) => {
    expect(validateThinkingConfig(config, model)).toBeUndefined();
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      'gemini-2.5-pro',
      { thinkingBudget: 0 },
      'Budget 0 is invalid. This model only works in thinking mode.',
    ],
    ['gemini-3-pro-preview', { thinkingBudget: 0 }, 'Budget 0 is invalid.'],
    [
      'gemini-2.5-flash',
      { thinkingLevel: 'high' },
      'thinking_level is not supported by this model',
    ],
    ['gemini-3-pro-preview', { thinkingLevel: 'medium' }, 'Supported values are: low, high.'],
    [
      'gemini-3-pro-preview',
      { thinkingLevel: 'MINIMAL' },
      'thinking_level MINIMAL is not supported',
    ],
    [
      'gemini-3.1-pro-preview',
      { thinkingLevel: 'minimal' },
      'Supported values are: low, medium, high.',
    ],
    ['gemini-3-flash-preview', { thinkingLevel: 'extreme' }, 'ThinkingLevel), "extreme"'],
    ['gemini-2.5-flash', { thinkingBudget: 1.5 }, 'thinking_budget'],
    ['gemini-2.5-flash', { includeThoughts: 'yes' }, 'include_thoughts'],
    ['gemini-2.5-flash', { thinking_budget: 5 }, 'Unknown name "thinking_budget"'],
  ])('rejects %s with %j', (model, config, message) => {
    expect(validateThinkingConfig(config, model)?.message).toContain(message);
  });

  it.each([
    ['gemini-3-pro-preview', ['low', 'high']],
    ['gemini-3.1-pro-preview', ['low', 'medium', 'high']],
    ['gemini-3-flash-preview', ['minimal', 'low', 'medium', 'high']],
    ['gemini-3-flash', ['minimal', 'low', 'medium', 'high']],
  ])('lists the levels of %s', (model, levels) => {
    expect(thinkingLevelsFor(model)).toEqual(levels);
  });
});
