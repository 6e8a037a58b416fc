import { messagesRequestSchema, type MessagesRequest } from '@geminicli2api/protocol-anthropic';
import { LruSignatureCache, SKIP_THOUGHT_SIGNATURE } from '../signature/signature-cache';
import { TranslationError } from '../translator-error';
import { convertAnthropicRequestToGemini } from './convert-anthropic-request';
import { encodeThinkingSignature } from './thinking-signature';

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

describe('convertAnthropicRequestToGemini: messages', () => {
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

  it('takes redacted_thinking blocks: a gateway signature in `data` returns to its parts, a foreign one is dropped', () => {
    const toolTurn = (first: Record<string, unknown>) =>
      convertAnthropicRequestToGemini(
        request({
          model: 'gemini-3-pro-preview',
          tools: [readTool],
          messages: [
            { role: 'user', content: 'read' },
            {
              role: 'assistant',
              content: [first, { type: 'tool_use', id: 'toolu_1', name: 'Read', input: {} }],
            },
            {
              role: 'user',
              content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'x' }],
            },
          ],
        }),
      );
    const data = encodeThinkingSignature('gemini-3', [
      { target: 'thought', signature: 'dGhvdWdodA==' },
      { target: 'next', signature: 'Y2FsbA==' },
    ]);
    const ours = toolTurn({ type: 'redacted_thinking', data });
    expect(ours.request.contents[1]?.parts).toEqual([
      { text: '', thought: true, thoughtSignature: 'dGhvdWdodA==' },
      { functionCall: { name: 'Read', args: {} }, thoughtSignature: 'Y2FsbA==' },
    ]);
    expect(ours.warnings).toEqual([]);
    const claude = toolTurn({ type: 'redacted_thinking', data: 'EmwKAhgBEgy3va3pzix/LafPsn4a' });
    expect(claude.request.contents[1]?.parts).toEqual([
      { functionCall: { name: 'Read', args: {} }, thoughtSignature: SKIP_THOUGHT_SIGNATURE },
    ]);
    expect(claude.warnings.map((warning) => warning.param)).toContain('messages.1.content.0');
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

  it('sends tool-result images inside the functionResponse on Gemini 3, beside it on 2.5; URLs from remoteMedia', () => {
    const messages = [
      { role: 'user', content: 'look' },
      {
        role: 'assistant',
        content: [{ type: 'tool_use', id: 'toolu_1', name: 'Read', input: {} }],
      },
      {
        role: 'user',
        content: [
          {
            type: 'tool_result',
            tool_use_id: 'toolu_1',
            content: [
              { type: 'text', text: 'a screenshot' },
              { type: 'image', source: { type: 'url', url: 'https://example.com/s.png' } },
            ],
          },
        ],
      },
    ];
    const remoteMedia = new Map([
      ['https://example.com/s.png', { mimeType: 'image/png', data: 'UE5H' }],
    ]);
    const three = convertAnthropicRequestToGemini(
      request({ model: 'gemini-3-pro-preview', tools: [readTool], messages }),
      { remoteMedia, signatureSentinel: 'bypass' },
    );
    expect(three.request.contents[2]?.parts).toEqual([
      {
        functionResponse: {
          name: 'Read',
          response: { output: 'a screenshot' },
          parts: [{ inlineData: { mimeType: 'image/png', data: 'UE5H' } }],
        },
      },
    ]);
    const two = convertAnthropicRequestToGemini(request({ tools: [readTool], messages }), {
      remoteMedia,
    });
    expect(two.request.contents[2]?.parts).toEqual([
      { functionResponse: { name: 'Read', response: { output: 'a screenshot' } } },
      { inlineData: { mimeType: 'image/png', data: 'UE5H' } },
    ]);
  });
});
