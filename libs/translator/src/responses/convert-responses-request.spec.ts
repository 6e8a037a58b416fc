import { responsesRequestSchema, type ResponsesRequestInput } from '@geminicli2api/protocol-openai';
import { TranslationError } from '../translator-error';
import { convertResponsesRequestToGemini } from './convert-responses-request';
import { encodeReasoningSignatures } from './encrypted-content';

const convert = (body: Omit<ResponsesRequestInput, 'model'> & { model?: string }) =>
  convertResponsesRequestToGemini(
    responsesRequestSchema.parse({ model: 'gemini-2.5-flash', ...body }),
  );

function translationError(run: () => unknown): TranslationError {
  try {
    run();
  } catch (error) {
    if (TranslationError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a TranslationError');
}

describe('convertResponsesRequestToGemini', () => {
  it('turns instructions into the system instruction and a string input into a user turn', () => {
    const { request } = convert({ instructions: 'Be terse.', input: 'Hello' });
    expect(request.systemInstruction).toEqual({ role: 'user', parts: [{ text: 'Be terse.' }] });
    expect(request.contents).toEqual([{ role: 'user', parts: [{ text: 'Hello' }] }]);
  });

  it('maps developer messages, images, sampling, max_output_tokens and json_schema', () => {
    const { request } = convert({
      input: [
        { role: 'developer', content: 'Rules' },
        {
          type: 'message',
          role: 'user',
          content: [
            { type: 'input_text', text: 'What is this?' },
            { type: 'input_image', image_url: 'data:image/png;base64,iVBORw0KGgo=' },
          ],
        },
      ],
      temperature: 0.2,
      top_p: 0.9,
      max_output_tokens: 100,
      text: {
        format: {
          type: 'json_schema',
          name: 'answer',
          schema: { type: 'object', properties: { a: { type: 'string' } } },
        },
      },
    });
    expect(request.systemInstruction?.parts).toEqual([{ text: 'Rules' }]);
    expect(request.contents[0]?.parts).toEqual([
      { text: 'What is this?' },
      { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } },
    ]);
    expect(request.generationConfig).toMatchObject({
      temperature: 0.2,
      topP: 0.9,
      maxOutputTokens: 100,
      responseMimeType: 'application/json',
      responseJsonSchema: { type: 'object', properties: { a: { type: 'string' } } },
    });
  });

  it('maps reasoning.effort to a budget on 2.5 and a level on 3, with thoughts only for a summary', () => {
    expect(
      convert({ input: 'x', reasoning: { effort: 'low' } }).request.generationConfig
        ?.thinkingConfig,
    ).toEqual({ thinkingBudget: 1024, includeThoughts: false });
    expect(
      convert({
        model: 'gemini-3-pro-preview',
        input: 'x',
        reasoning: { effort: 'high', summary: 'auto' },
      }).request.generationConfig?.thinkingConfig,
    ).toEqual({ thinkingLevel: 'high', includeThoughts: true });
    expect(
      convert({ input: 'x', reasoning: { summary: 'auto' } }).request.generationConfig
        ?.thinkingConfig,
    ).toEqual({ includeThoughts: true });
  });

  it('returns the signature from encrypted_content to the exact function call part', () => {
    const encrypted = encodeReasoningSignatures({
      model: 'gemini-3-pro-preview',
      calls: { call_2: 'SIG-TWO' },
    });
    const { request } = convert({
      model: 'gemini-3-pro-preview',
      input: [
        { role: 'user', content: 'weather?' },
        { type: 'reasoning', summary: [], encrypted_content: encrypted },
        {
          type: 'function_call',
          call_id: 'call_2',
          name: 'weather',
          arguments: '{"city":"Paris"}',
        },
        { type: 'function_call_output', call_id: 'call_2', output: 'sunny' },
      ],
      tools: [{ type: 'function', name: 'weather', parameters: { type: 'object' } }],
    });
    expect(request.contents[1]).toEqual({
      role: 'model',
      parts: [
        { functionCall: { name: 'weather', args: { city: 'Paris' } }, thoughtSignature: 'SIG-TWO' },
      ],
    });
    expect(request.contents[2]).toEqual({
      role: 'user',
      parts: [{ functionResponse: { name: 'weather', response: { output: 'sunny' } } }],
    });
  });

  it('ignores a signature of another model family and foreign encrypted_content', () => {
    const fromFlash = encodeReasoningSignatures({ model: 'gemini-2.5-flash', calls: { c: 'OLD' } });
    const { request } = convert({
      model: 'gemini-3-pro-preview',
      input: [
        { role: 'user', content: 'go' },
        { type: 'reasoning', summary: [], encrypted_content: fromFlash },
        { type: 'reasoning', summary: [], encrypted_content: 'gAAAAB-openai-blob' },
        { type: 'function_call', call_id: 'c', name: 'f', arguments: '{}' },
        { type: 'function_call_output', call_id: 'c', output: 'ok' },
      ],
      tools: [{ type: 'function', name: 'f' }],
    });
    expect(request.contents[1]?.parts[0]?.thoughtSignature).toBe(
      'skip_thought_signature_validator',
    );
  });

  it('maps a custom tool to a one-string function and its call and output back', () => {
    const { request, customTools } = convert({
      input: [
        { role: 'user', content: 'patch it' },
        { type: 'custom_tool_call', call_id: 'p1', name: 'apply_patch', input: '*** Begin Patch' },
        { type: 'custom_tool_call_output', call_id: 'p1', output: 'Done' },
      ],
      tools: [
        {
          type: 'custom',
          name: 'apply_patch',
          description: 'Edit files.',
          format: { type: 'grammar', syntax: 'lark', definition: 'start: "x"' },
        },
      ],
    });
    expect(customTools).toEqual(new Set(['apply_patch']));
    const declaration = request.tools?.[0]?.functionDeclarations?.[0];
    expect(declaration?.name).toBe('apply_patch');
    expect(declaration?.description).toContain('lark grammar');
    expect(declaration?.parametersJsonSchema).toMatchObject({
      properties: { input: { type: 'string' } },
      required: ['input'],
    });
    expect(request.contents[1]?.parts[0]?.functionCall).toEqual({
      name: 'apply_patch',
      args: { input: '*** Begin Patch' },
    });
  });

  it('declares local_shell as a function and replays its call and output', () => {
    const { request, localShell } = convert({
      model: 'gemini-2.5-flash',
      input: [
        { role: 'user', content: 'list files' },
        {
          type: 'local_shell_call',
          call_id: 'sh1',
          action: { type: 'exec', command: ['ls', '-a'], working_directory: '/tmp' },
        },
        { type: 'local_shell_call_output', id: 'sh1', output: '. ..' },
      ],
      tools: [{ type: 'local_shell' }],
    });
    expect(localShell).toBe(true);
    expect(request.tools?.[0]?.functionDeclarations?.[0]?.name).toBe('local_shell');
    expect(request.contents.slice(1)).toEqual([
      {
        role: 'model',
        parts: [
          {
            functionCall: { name: 'local_shell', args: { command: ['ls', '-a'], workdir: '/tmp' } },
          },
        ],
      },
      {
        role: 'user',
        parts: [{ functionResponse: { name: 'local_shell', response: { output: '. ..' } } }],
      },
    ]);
  });

  it('flattens a namespace tool and serves web_search with Google Search', () => {
    const { request } = convert({
      model: 'gemini-3-pro-preview',
      input: 'hi',
      tools: [
        { type: 'namespace', name: 'agents', tools: [{ type: 'function', name: 'spawn_agent' }] },
        { type: 'web_search' },
      ],
    });
    expect(request.tools).toEqual([
      { functionDeclarations: [expect.objectContaining({ name: 'spawn_agent' })] },
      { googleSearch: {} },
    ]);
  });

  it('does not enable live search when the client turned external web access off', () => {
    const { request, warnings } = convert({
      input: 'hi',
      tools: [{ type: 'web_search', external_web_access: false }],
    });
    expect(request.tools).toBeUndefined();
    expect(warnings[0]?.param).toBe('tools[0].external_web_access');
  });

  it.each([
    [{ tools: [{ type: 'file_search', vector_store_ids: [] }] }, 'tools[0].type', 'file_search'],
    [{ tools: [{ type: 'computer_use_preview' }] }, 'tools[0].type', 'computer_use_preview'],
    [{ tool_choice: { type: 'mcp', server_label: 'x' } }, 'tool_choice.type', 'mcp'],
  ])('names a tool Gemini cannot serve in the error (%#)', (body, param, name) => {
    const error = translationError(() => convert({ input: 'hi', ...body }));
    expect(error.param).toBe(param);
    expect(error.message).toContain(name);
  });

  it('rejects an orphan function_call_output with the path of its call_id', () => {
    const error = translationError(() =>
      convert({
        input: [
          { role: 'user', content: 'hi' },
          { type: 'function_call_output', call_id: 'nope', output: 'x' },
        ],
      }),
    );
    expect(error.param).toBe('input[1].call_id');
  });

  it('points a bad argument string and a bad image at their Responses paths', () => {
    expect(
      translationError(() =>
        convert({
          input: [
            { role: 'user', content: 'hi' },
            { type: 'function_call', call_id: 'c', name: 'f', arguments: '{not json' },
            { type: 'function_call_output', call_id: 'c', output: 'x' },
          ],
        }),
      ).param,
    ).toBe('input[1].arguments');
    expect(
      translationError(() =>
        convert({
          input: [{ role: 'user', content: [{ type: 'input_image', image_url: 'ftp://x' }] }],
        }),
      ).param,
    ).toBe('input[0].content[0].image_url');
  });

  it('answers a schema nested too deeply with a TranslationError, not a RangeError', () => {
    let schema: Record<string, unknown> = { type: 'string' };
    for (let depth = 0; depth < 20_000; depth++)
      schema = { type: 'object', properties: { a: schema } };
    const error = translationError(() =>
      convert({ input: 'hi', tools: [{ type: 'function', name: 'deep', parameters: schema }] }),
    );
    expect(error.message).toContain('nested too deeply');
  });

  it('recovers the Responses param a Google 400 points at', () => {
    const { recoverParam } = convert({
      instructions: 'sys',
      input: [
        { role: 'user', content: 'a' },
        { type: 'function_call', call_id: 'c', name: 'g', arguments: '{}' },
        { type: 'function_call_output', call_id: 'c', output: 'x' },
      ],
      tools: [
        { type: 'web_search', external_web_access: false },
        { type: 'namespace', name: 'n', tools: [{ type: 'function', name: 'g' }] },
      ],
      max_output_tokens: 5,
    });
    expect(recoverParam("Invalid value at 'contents[1].parts[0]'")).toBe('input[1]');
    expect(
      recoverParam('Unknown name "x" at \'tools[0].function_declarations[0].parameters\''),
    ).toBe('tools[1].tools[0].parameters');
    expect(recoverParam("Invalid value at 'generation_config.max_output_tokens'")).toBe(
      'max_output_tokens',
    );
    expect(recoverParam('Something else')).toBeUndefined();
  });

  it('reports fields it ignores as warnings', () => {
    const { warnings } = convert({ input: 'hi', top_logprobs: 3, max_tool_calls: 2 });
    expect(warnings.map((warning) => warning.param)).toEqual(['top_logprobs', 'max_tool_calls']);
  });

  it('needs some input', () => {
    expect(translationError(() => convert({ instructions: 'only this' })).param).toBe('input');
  });
});
