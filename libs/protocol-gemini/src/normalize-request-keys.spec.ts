import { normalizeRequestKeys, snakeToCamel } from './normalize-request-keys';

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

describe('snakeToCamel', () => {
  it.each([
    ['system_instruction', 'systemInstruction'],
    ['parameters_json_schema', 'parametersJsonSchema'],
    ['user_prompt_id', 'userPromptId'],
    ['alreadyCamel', 'alreadyCamel'],
  ])('%s → %s', (input, output) => {
    expect(snakeToCamel(input)).toBe(output);
  });
});

describe('normalizeRequestKeys, the cases the emulator relies on', () => {
  it('renames structural keys but leaves args, responses, labels and JSON schemas alone', () => {
    const input = {
      request: {
        contents: [
          {
            role: 'model',
            parts: [
              { function_call: { name: 'f', args: { snake_arg: 1 } }, thought_signature: 'c2ln' },
            ],
          },
          {
            role: 'user',
            parts: [{ function_response: { name: 'f', response: { exit_code: 0 } } }],
          },
        ],
        labels: { team_name: 'x' },
        tools: [
          {
            function_declarations: [
              {
                name: 'f',
                parameters_json_schema: {
                  properties: { file_path: {} },
                  additional_properties: false,
                },
              },
            ],
          },
        ],
        generation_config: { response_json_schema: { min_items: 1 }, stop_sequences: ['x'] },
      },
    };
    expect(normalizeRequestKeys(input)).toEqual({
      request: {
        contents: [
          {
            role: 'model',
            parts: [
              { functionCall: { name: 'f', args: { snake_arg: 1 } }, thoughtSignature: 'c2ln' },
            ],
          },
          {
            role: 'user',
            parts: [{ functionResponse: { name: 'f', response: { exit_code: 0 } } }],
          },
        ],
        labels: { team_name: 'x' },
        tools: [
          {
            functionDeclarations: [
              {
                name: 'f',
                parametersJsonSchema: {
                  properties: { file_path: {} },
                  additional_properties: false,
                },
              },
            ],
          },
        ],
        generationConfig: { responseJsonSchema: { min_items: 1 }, stopSequences: ['x'] },
      },
    });
  });

  it('normalises legacy schema keywords but not property names or enum values', () => {
    const input = {
      parameters: {
        type: 'OBJECT',
        property_ordering: ['file_path'],
        properties: { file_path: { type: 'STRING', max_length: 3, enum: ['a_b'] } },
        any_of: [{ min_items: 1 }],
      },
    };
    expect(normalizeRequestKeys(input)).toEqual({
      parameters: {
        type: 'OBJECT',
        propertyOrdering: ['file_path'],
        properties: { file_path: { type: 'STRING', maxLength: 3, enum: ['a_b'] } },
        anyOf: [{ minItems: 1 }],
      },
    });
  });

  it('renames inline_data but keeps its mime_type so validation can reject it', () => {
    const keep = (parent: string, key: string) => parent === 'inlineData' && key === 'mime_type';
    expect(
      normalizeRequestKeys({ inline_data: { mime_type: 'image/png', data: 'AA==' } }, { keep }),
    ).toEqual({
      inlineData: { mime_type: 'image/png', data: 'AA==' },
    });
  });
});
