import { DEFAULT_EMULATOR_MODELS } from './emulator-options';
import { validateGenerateRequest, validateModel } from './validate-generate-request';

const user = (text: string) => ({ role: 'user', parts: [{ text }] });
const base = (request: Record<string, unknown> = {}, envelope: Record<string, unknown> = {}) => ({
  model: 'gemini-2.5-flash',
  project: 'demo-project',
  request: { contents: [user('hi')], ...request },
  ...envelope,
});

describe('validateGenerateRequest', () => {
  it('accepts a minimal request and returns it with camelCase keys', () => {
    const result = validateGenerateRequest(
      {
        model: 'gemini-2.5-pro',
        project: 'p',
        user_prompt_id: 'id########1',
        request: {
          contents: [{ role: 'user', parts: [{ text: 'hi' }] }],
          system_instruction: { parts: [{ text: 'be brief' }] },
          generation_config: { max_output_tokens: 10, thinking_config: { include_thoughts: true } },
          session_id: 's-1',
        },
      },
      DEFAULT_EMULATOR_MODELS,
    );
    expect(result).toEqual({
      ok: true,
      value: {
        model: 'gemini-2.5-pro',
        project: 'p',
        userPromptId: 'id########1',
        request: {
          contents: [{ role: 'user', parts: [{ text: 'hi' }] }],
          systemInstruction: { parts: [{ text: 'be brief' }] },
          generationConfig: { maxOutputTokens: 10, thinkingConfig: { includeThoughts: true } },
          sessionId: 's-1',
        },
      },
    });
  });

  it.each<[string, unknown, number, string]>([
    ['a non-object body', [1], 400, 'Expected an object'],
    [
      'a missing model',
      { project: 'p', request: { contents: [user('x')] } },
      400,
      '"model" is required',
    ],
    [
      'a models/ prefix',
      base({}, { model: 'models/gemini-2.5-flash' }),
      400,
      'without the "models/" prefix',
    ],
    [
      'an unknown model',
      base({}, { model: 'gemini-0-ultra' }),
      404,
      'Requested entity was not found.',
    ],
    ['a missing project', base({}, { project: undefined }), 400, '"project" is required'],
    ['an empty project', base({}, { project: '' }), 400, '"project" is required'],
    [
      'a missing request',
      { model: 'gemini-2.5-flash', project: 'p' },
      400,
      '"request" is required',
    ],
    [
      'an unknown envelope key',
      base({}, { stream: true }),
      400,
      'Unknown name "stream": Cannot find field.',
    ],
    [
      'an unknown request key',
      base({ thinkingConfig: {} }),
      400,
      `Unknown name "thinkingConfig" at 'request'`,
    ],
    ['empty contents', base({ contents: [] }), 400, 'contents is not specified'],
    [
      'a system role in contents',
      base({ contents: [{ role: 'system', parts: [{ text: 'x' }] }] }),
      400,
      'Please use a valid role: user, model.',
    ],
    [
      'an unknown tool kind',
      base({ tools: [{ webSearch: {} }] }),
      400,
      `Unknown name "webSearch" at 'request.tools[0]'`,
    ],
    [
      'an invalid calling mode',
      base({ toolConfig: { functionCallingConfig: { mode: 'SOMETIMES' } } }),
      400,
      'function_calling_config.mode',
    ],
    [
      'a safety setting without threshold',
      base({ safetySettings: [{ category: 'HARM_CATEGORY_HATE_SPEECH' }] }),
      400,
      'category and threshold are required',
    ],
    [
      'a bad system instruction',
      base({ systemInstruction: { parts: [] } }),
      400,
      'system_instruction.parts: contents.parts must not be empty',
    ],
    [
      'a temperature above 2',
      base({ generationConfig: { temperature: 2.5 } }),
      400,
      'temperature value of 2.5',
    ],
    [
      'an unsigned Gemini 3 call in the current turn',
      base(
        {
          contents: [
            user('list'),
            { role: 'model', parts: [{ functionCall: { name: 'ls', args: {} } }] },
            { role: 'user', parts: [{ functionResponse: { name: 'ls', response: {} } }] },
          ],
        },
        { model: 'gemini-3-pro-preview' },
      ),
      400,
      'is missing a `thought_signature`',
    ],
  ])('rejects %s', (_name, body, code, message) => {
    const result = validateGenerateRequest(body, DEFAULT_EMULATOR_MODELS);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failure.code).toBe(code);
    expect(result.failure.status).toBe(code === 404 ? 'NOT_FOUND' : 'INVALID_ARGUMENT');
    expect(result.failure.message).toContain(message);
  });

  it('accepts snake_case tool declarations and keeps user-data keys as sent', () => {
    const result = validateGenerateRequest(
      base({
        contents: [
          user('go'),
          { role: 'model', parts: [{ function_call: { name: 'f', args: { file_path: 'a' } } }] },
          {
            role: 'user',
            parts: [{ function_response: { name: 'f', response: { exit_code: 0 } } }],
          },
        ],
        tools: [
          {
            function_declarations: [
              {
                name: 'f',
                parameters: {
                  type: 'OBJECT',
                  properties: { file_path: { type: 'STRING', max_length: 5 } },
                },
              },
            ],
          },
        ],
        tool_config: { function_calling_config: { mode: 'auto', allowed_function_names: ['f'] } },
      }),
      DEFAULT_EMULATOR_MODELS,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const request = result.value.request;
    expect(request.contents[1]?.parts[0]?.functionCall?.args).toEqual({ file_path: 'a' });
    expect(request.contents[2]?.parts[0]?.functionResponse?.response).toEqual({ exit_code: 0 });
    expect(request.tools?.[0]?.functionDeclarations?.[0]?.parameters).toEqual({
      type: 'OBJECT',
      properties: { file_path: { type: 'STRING', maxLength: 5 } },
    });
    expect(request.toolConfig?.functionCallingConfig?.allowedFunctionNames).toEqual(['f']);
  });
});

describe('validateModel', () => {
  it.each([
    ['gemini-3-flash', undefined],
    ['gemini-2.5-pro', undefined],
    ['models/gemini-2.5-pro', 400],
    ['gemini-1.0-pro', 404],
    ['', 400],
  ])('%s → %s', (model, code) => {
    expect(validateModel(model, DEFAULT_EMULATOR_MODELS)?.code).toBe(code);
  });
});
