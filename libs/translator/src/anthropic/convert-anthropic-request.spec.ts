import { messagesRequestSchema, type MessagesRequest } from '@geminicli2api/protocol-anthropic';
import { LruSignatureCache, SKIP_THOUGHT_SIGNATURE } from '../signature/signature-cache';
import { TranslationError } from '../translator-error';
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
  });

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

  it('rejects a tool_choice naming an undeclared tool with an Anthropic path', () => {
    expect(() =>
      convertAnthropicRequestToGemini(
        request({ tools: [readTool], tool_choice: { type: 'tool', name: 'Write' } }),
      ),
    ).toThrow(expect.objectContaining({ param: 'tool_choice.name' }));
  });

  it('pairs tool_result with its tool_use: functionResponse first, named after the call, is_error → error', () => {
    const { request: out } = convertAnthropicRequestToGemini(
      request({
        tools: [readTool],
        messages: [
          { role: 'user', content: 'read it' },
          {
            role: 'assistant',
            content: [
              { type: 'text', text: 'Reading.' },
              { type: 'tool_use', id: 'toolu_1', name: 'Read', input: { file_path: '/a' } },
              { type: 'tool_use', id: 'toolu_2', name: 'Read', input: { file_path: '/b' } },
            ],
          },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'here' },
              {
                type: 'tool_result',
                tool_use_id: 'toolu_2',
                content: 'no such file',
                is_error: true,
              },
              {
                type: 'tool_result',
                tool_use_id: 'toolu_1',
                content: [{ type: 'text', text: 'one' }],
              },
            ],
          },
        ],
      }),
    );
    expect(out.contents[1]?.parts).toEqual([
      { text: 'Reading.' },
      { functionCall: { name: 'Read', args: { file_path: '/a' } } },
      { functionCall: { name: 'Read', args: { file_path: '/b' } } },
    ]);
    expect(out.contents[2]?.parts).toEqual([
      { functionResponse: { name: 'Read', response: { output: 'one' } } },
      { functionResponse: { name: 'Read', response: { error: 'no such file' } } },
      { text: 'here' },
    ]);
  });

  it('answers 400 for a tool_result without its tool_use and a tool_use without its result', () => {
    const orphan = () =>
      convertAnthropicRequestToGemini(
        request({
          messages: [
            {
              role: 'user',
              content: [{ type: 'tool_result', tool_use_id: 'toolu_x', content: 'x' }],
            },
          ],
        }),
      );
    expect(orphan).toThrow(TranslationError);
    expect(orphan).toThrow(expect.objectContaining({ param: 'messages.0.content.0.tool_use_id' }));
    expect(() =>
      convertAnthropicRequestToGemini(
        request({
          tools: [readTool],
          messages: [
            { role: 'user', content: 'a' },
            {
              role: 'assistant',
              content: [{ type: 'tool_use', id: 'toolu_1', name: 'Read', input: {} }],
            },
            { role: 'user', content: 'no result' },
          ],
        }),
      ),
    ).toThrow(/toolu_1/);
  });

  it('rejects blocks in the wrong role', () => {
    expect(() =>
      convertAnthropicRequestToGemini(
        request({
          messages: [
            { role: 'user', content: [{ type: 'tool_use', id: 't', name: 'x', input: {} }] },
          ],
        }),
      ),
    ).toThrow(expect.objectContaining({ param: 'messages.0.content.0.type' }));
  });

  it('converts base64 images, PDFs and text documents', () => {
    const { request: out } = convertAnthropicRequestToGemini(
      request({
        messages: [
          {
            role: 'user',
            content: [
              { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBOR' } },
              {
                type: 'document',
                source: { type: 'base64', media_type: 'application/pdf', data: 'JVBER' },
              },
              {
                type: 'document',
                title: 'Notes',
                source: { type: 'text', media_type: 'text/plain', data: 'body' },
              },
            ],
          },
        ],
      }),
    );
    expect(out.contents[0]?.parts).toEqual([
      { inlineData: { mimeType: 'image/png', data: 'iVBOR' } },
      { inlineData: { mimeType: 'application/pdf', data: 'JVBER' } },
      { text: 'Notes\n\nbody' },
    ]);
  });

  it('uses the bypass value only for a Gemini 3 tool turn from another model (foreign signature dropped)', () => {
    const { request: out, warnings } = convertAnthropicRequestToGemini(
      request({
        model: 'gemini-3-pro-preview',
        tools: [readTool],
        messages: [
          { role: 'user', content: 'read' },
          {
            role: 'assistant',
            content: [
              { type: 'thinking', thinking: 'claude thoughts', signature: 'EqQBCkgIARABGAIiQ' },
              { type: 'tool_use', id: 'toolu_1', name: 'Read', input: { file_path: '/a' } },
            ],
          },
          {
            role: 'user',
            content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'x' }],
          },
        ],
      }),
    );
    expect(out.contents[1]?.parts).toEqual([
      {
        functionCall: { name: 'Read', args: { file_path: '/a' } },
        thoughtSignature: SKIP_THOUGHT_SIGNATURE,
      },
    ]);
    expect(warnings.map((warning) => warning.param)).toEqual(['messages.1.content.0', 'messages']);
  });

  it('recovers a signature from the cache when the client dropped the thinking block', () => {
    const cache = new LruSignatureCache(10);
    cache.set('toolu_1', { signature: 'c2ln', model: 'gemini-3-pro-preview' });
    const { request: out } = convertAnthropicRequestToGemini(
      request({
        model: 'gemini-3-pro-preview',
        tools: [readTool],
        messages: [
          { role: 'user', content: 'read' },
          {
            role: 'assistant',
            content: [{ type: 'tool_use', id: 'toolu_1', name: 'Read', input: {} }],
          },
          {
            role: 'user',
            content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'x' }],
          },
        ],
      }),
      { signatureCache: cache },
    );
    expect(out.contents[1]?.parts[0]?.thoughtSignature).toBe('c2ln');
  });
});
