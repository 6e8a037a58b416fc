import {
  normalizeRequestKeys,
  parseCountTokensRequest,
  parseGenerateRequest,
} from './gemini-request';

describe('normalizeRequestKeys', () => {
  it.each([
    [{ system_instruction: { parts: [] } }, { systemInstruction: { parts: [] } }],
    [
      { inline_data: { mime_type: 'image/png', data: 'x' } },
      { inlineData: { mimeType: 'image/png', data: 'x' } },
    ],
    [
      { generation_config: { thinking_config: { thinking_budget: 0 } } },
      { generationConfig: { thinkingConfig: { thinkingBudget: 0 } } },
    ],
    // camelCase wins over snake_case when both are sent
    [{ system_instruction: 'snake', systemInstruction: 'camel' }, { systemInstruction: 'camel' }],
    // user data stays as it is
    [
      { function_call: { name: 'f', args: { user_id: 1 } } },
      { functionCall: { name: 'f', args: { user_id: 1 } } },
    ],
    [
      { parameters_json_schema: { properties: { snake_name: {} } } },
      { parametersJsonSchema: { properties: { snake_name: {} } } },
    ],
    [
      {
        parameters: {
          type: 'OBJECT',
          properties: { snake_name: { type: 'STRING', max_length: 3 } },
          property_ordering: ['snake_name'],
        },
      },
      {
        parameters: {
          type: 'OBJECT',
          properties: { snake_name: { type: 'STRING', maxLength: 3 } },
          propertyOrdering: ['snake_name'],
        },
      },
    ],
  ])('%j → %j', (input, expected) => {
    expect(normalizeRequestKeys(input)).toEqual(expected);
  });
});

describe('parseCountTokensRequest', () => {
  const contents = [{ role: 'user', parts: [{ text: 'hi' }] }];
  it.each([
    ['contents', { contents }],
    [
      'generateContentRequest',
      { generate_content_request: { model: 'models/gemini-2.5-flash', contents } },
    ],
  ])('reads %s', (_name, body) => {
    expect(parseCountTokensRequest(body)).toEqual(contents);
  });
  it('rejects a body without contents with a 400 naming the field', () => {
    expect(() => parseCountTokensRequest({})).toThrow(
      expect.objectContaining({ status: 400, param: 'contents' }) as Error,
    );
  });
});

describe('parseGenerateRequest', () => {
  it('gives a content without a role (or with an empty one) the user role, and keeps the others', () => {
    const parsed = parseGenerateRequest({
      contents: [
        { parts: [{ text: 'a' }] },
        { role: 'model', parts: [{ text: 'b' }] },
        { role: '', parts: [{ text: 'c' }] },
      ],
      system_instruction: { parts: [{ text: 'be brief' }] },
    });
    expect(parsed.contents.map((content) => content.role)).toEqual(['user', 'model', 'user']);
    expect(parsed.systemInstruction).toEqual({ parts: [{ text: 'be brief' }] });
  });
});
