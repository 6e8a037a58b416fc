import { messagesRequestSchema, type MessagesRequest } from '@geminicli2api/protocol-anthropic';
import { convertAnthropicRequestToGemini } from './convert-anthropic-request';

const request = (fields: Record<string, unknown>): MessagesRequest =>
  messagesRequestSchema.parse({
    model: 'gemini-2.5-flash',
    max_tokens: 1000,
    messages: [{ role: 'user', content: 'hi' }],
    ...fields,
  });

const readTool = {
  name: 'Read',
  description: 'Reads a file',
  input_schema: {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    properties: { file_path: { type: 'string' } },
    required: ['file_path'],
    additionalProperties: false,
  },
};

describe('convertAnthropicRequestToGemini', () => {
  it('hoists system (string, blocks with cache_control, system-role messages) into systemInstruction', () => {
    const { request: out } = convertAnthropicRequestToGemini(
      request({
        system: [
          { type: 'text', text: 'A', cache_control: { type: 'ephemeral' } },
          { type: 'text', text: 'B' },
        ],
        messages: [
          { role: 'system', content: 'C' },
          { role: 'user', content: [{ type: 'text', text: 'hi' }] },
        ],
      }),
    );
    expect(out.systemInstruction?.parts).toEqual([{ text: 'A' }, { text: 'B' }, { text: 'C' }]);
    expect(out.contents).toEqual([{ role: 'user', parts: [{ text: 'hi' }] }]);
  });

  it("clamps max_tokens to the model's output limit and maps sampling fields", () => {
    const { request: out } = convertAnthropicRequestToGemini(
      request({
        max_tokens: 128000,
        temperature: 0.3,
        top_p: 0.9,
        top_k: 40,
        stop_sequences: ['END', ''],
      }),
      { maxOutputTokens: 65536 },
    );
    expect(out.generationConfig).toEqual({
      maxOutputTokens: 65536,
      temperature: 0.3,
      topP: 0.9,
      topK: 40,
      stopSequences: ['END'],
    });
  });

  it('maps thinking to a budget on 2.5 and the nearest level on 3.x, display omitted → no thought text', () => {
    const budget = convertAnthropicRequestToGemini(
      request({ thinking: { type: 'enabled', budget_tokens: 2048 } }),
    );
    expect(budget.request.generationConfig?.thinkingConfig).toEqual({
      thinkingBudget: 2048,
      includeThoughts: true,
    });
    const level = convertAnthropicRequestToGemini(
      request({
        model: 'gemini-3-flash-preview',
        thinking: { type: 'enabled', budget_tokens: 30000 },
      }),
    );
    expect(level.request.generationConfig?.thinkingConfig).toEqual({
      thinkingLevel: 'high',
      includeThoughts: true,
    });
    const claudeCode = convertAnthropicRequestToGemini(
      request({
        model: 'gemini-3-flash-preview',
        thinking: { type: 'adaptive', display: 'omitted' },
        output_config: { effort: 'medium' },
      }),
    );
    expect(claudeCode.omitThinking).toBe(true);
    expect(claudeCode.request.generationConfig?.thinkingConfig).toEqual({
      thinkingLevel: 'medium',
      includeThoughts: false,
    });
    const off = convertAnthropicRequestToGemini(request({ thinking: { type: 'disabled' } }));
    expect(off.request.generationConfig?.thinkingConfig).toEqual({
      thinkingBudget: 0,
      includeThoughts: false,
    });
    expect(off.warnings).toEqual([]);
  });

  it.each([
    [
      'gemini-3-pro-preview',
      { output_config: { effort: 'medium' } },
      { thinkingLevel: 'high', includeThoughts: false },
      'output_config.effort',
      'gemini-3-pro-preview does not take thinking level "medium"; "high" was sent.',
    ],
    [
      'gemini-2.5-pro',
      { thinking: { type: 'disabled' } },
      { thinkingBudget: 128, includeThoughts: false },
      'thinking',
      'gemini-2.5-pro cannot switch thinking off; the least it allows (a thinking budget of 128 tokens) was sent.',
    ],
    [
      'gemini-3-flash-preview',
      { thinking: { type: 'disabled' } },
      { thinkingLevel: 'minimal', includeThoughts: false },
      'thinking',
      'gemini-3-flash-preview cannot switch thinking off; the least it allows (thinking level "minimal") was sent.',
    ],
  ])(
    '%s: %j is sent as the nearest setting the model takes, with a warning',
    (model, fields, sent, param, message) => {
      const converted = convertAnthropicRequestToGemini(request({ model, ...fields }));
      expect(converted.request.generationConfig?.thinkingConfig).toEqual(sent);
      expect(converted.warnings).toEqual([{ param, message }]);
    },
  );

  it('declares tools through the schema normaliser and maps tool_choice and web_search', () => {
    const { request: out, warnings } = convertAnthropicRequestToGemini(
      request({
        model: 'gemini-3-pro-preview',
        tools: [readTool, { type: 'web_search_20250305', name: 'web_search' }],
        tool_choice: { type: 'tool', name: 'Read', disable_parallel_tool_use: true },
      }),
    );
    const declaration = out.tools?.[0]?.functionDeclarations?.[0];
    expect(declaration?.name).toBe('Read');
    expect(declaration?.parametersJsonSchema).not.toHaveProperty('$schema');
    expect(out.tools?.[1]).toEqual({ googleSearch: {} });
    expect(out.toolConfig).toEqual({
      functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['Read'] },
    });
    expect(warnings.map((warning) => warning.param)).toContain(
      'tool_choice.disable_parallel_tool_use',
    );
  });

  it.each([
    [{ type: 'auto' }, 'AUTO'],
    [{ type: 'any' }, 'ANY'],
    [{ type: 'none' }, 'NONE'],
  ])('maps tool_choice %j to function calling mode %s', (choice, mode) => {
    const { request: out } = convertAnthropicRequestToGemini(
      request({ tools: [readTool], tool_choice: choice }),
    );
    expect(out.toolConfig).toEqual({ functionCallingConfig: { mode } });
  });

  it('rejects a tool_choice naming an undeclared tool with an Anthropic path', () => {
    expect(() =>
      convertAnthropicRequestToGemini(
        request({ tools: [readTool], tool_choice: { type: 'tool', name: 'Write' } }),
      ),
    ).toThrow(expect.objectContaining({ param: 'tool_choice.name' }));
  });
});
