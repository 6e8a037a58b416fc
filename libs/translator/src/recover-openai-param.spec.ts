import { parseGoogleError } from '@geminicli2api/protocol-gemini';
import { mapGeminiErrorToOpenAIError } from './map-gemini-error-to-openai-error';
import { recoverOpenAIParam } from './recover-openai-param';
import { convertChatRequestToGemini } from './request/convert-chat-request-to-gemini';

const fn = (name: string) => ({
  type: 'function' as const,
  function: { name, parameters: { type: 'object', properties: {} } },
});

describe('recoverOpenAIParam (E75)', () => {
  // tools[1] is a built-in, so declaration j is not tools[j]; allowed_tools filters f0 out.
  const converted = convertChatRequestToGemini({
    model: 'gemini-3-pro-preview',
    tools: [fn('f0'), { type: 'google_search' } as never, fn('f1'), fn('f2'), fn('f3')],
    tool_choice: {
      type: 'allowed_tools',
      allowed_tools: {
        mode: 'auto',
        tools: [
          { type: 'function', function: { name: 'f1' } },
          { type: 'function', function: { name: 'f2' } },
          { type: 'function', function: { name: 'f3' } },
        ],
      },
    } as never,
    messages: [
      { role: 'system', content: 'be brief' },
      { role: 'user', content: 'a' },
      { role: 'user', content: 'b' },
      { role: 'assistant', content: 'yo' },
      { role: 'developer', content: 'formal' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'look' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
        ],
      },
    ],
  });

  it.each([
    [
      `Invalid JSON payload received. Unknown name "additionalProperties" at 'tools[0].function_declarations[2].parameters': Cannot find field.`,
      'tools[4].function.parameters',
    ],
    [
      `Unknown name "$ref" at 'request.tools[0].function_declarations[1].parameters.properties[0].value'`,
      'tools[3].function.parameters',
    ],
    [
      `* GenerateContentRequest.tools[0].function_declarations[0].name: Invalid function name.`,
      'tools[2].function.name',
    ],
    [`Unknown name "strict" at 'request.tools[0].functionDeclarations[0]'`, 'tools[2].function'],
    [
      `* GenerateContentRequest.contents[1].parts: contents.parts must not be empty.`,
      'messages[3]',
    ],
    [`Invalid value at 'request.contents[0].parts[1].text'`, 'messages[2]'],
    [`empty data field in 'request.contents[2].parts[1].inline_data'`, 'messages[5]'],
    [`Invalid value at 'generation_config.temperature' (TYPE_FLOAT)`, 'temperature'],
    [`generationConfig.maxOutputTokens must be positive`, 'max_completion_tokens'],
    [`Unknown name "x" at 'tools[0].function_declarations[9]'`, null],
    ['Something unrelated went wrong.', null],
  ])('%s → %s', (message, expected) => {
    expect(recoverOpenAIParam(message, converted)).toBe(expected);
  });

  it('legacy functions[] map to functions[i].parameters', () => {
    const legacy = convertChatRequestToGemini({
      model: 'gemini-2.5-flash',
      functions: [
        { name: 'a', parameters: { type: 'object' } },
        { name: 'b', parameters: { type: 'object' } },
      ],
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(recoverOpenAIParam(`at 'tools[0].function_declarations[1].parameters'`, legacy)).toBe(
      'functions[1].parameters',
    );
  });

  it('mapGeminiErrorToOpenAIError fills param on a 400 only when maps are given', () => {
    const error = parseGoogleError(
      {
        error: {
          code: 400,
          status: 'INVALID_ARGUMENT',
          message: `Unknown name "const" at 'tools[0].function_declarations[2].parameters'`,
        },
      },
      400,
    );
    expect(mapGeminiErrorToOpenAIError(error, converted).body.error.param).toBe(
      'tools[4].function.parameters',
    );
    expect(mapGeminiErrorToOpenAIError(error).body.error.param).toBeNull();
  });
});
