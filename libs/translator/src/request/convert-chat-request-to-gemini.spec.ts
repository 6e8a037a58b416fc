import {
  chatCompletionRequestSchema,
  type ChatCompletionRequestInput,
} from '@geminicli2api/protocol-openai';
import { convertChatRequestToGemini } from './convert-chat-request-to-gemini';

function convert(input: Omit<ChatCompletionRequestInput, 'model'>) {
  return convertChatRequestToGemini(
    chatCompletionRequestSchema.parse({ model: 'gemini-2.5-flash', ...input }),
  );
}

describe('convertChatRequestToGemini', () => {
  it('E1: merges consecutive user messages into one turn', () => {
    const { request } = convert({
      messages: [
        { role: 'user', content: 'a' },
        { role: 'user', content: 'b' },
      ],
    });
    expect(request.contents).toEqual([{ role: 'user', parts: [{ text: 'a' }, { text: 'b' }] }]);
  });

  it('E3/E4: hoists every system and developer message, in order, even mid-conversation', () => {
    const { request } = convert({
      messages: [
        { role: 'system', content: 'A' },
        { role: 'developer', content: 'B' },
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: 'yo' },
        { role: 'system', content: 'Be formal' },
        { role: 'user', content: 'x' },
      ],
    });
    expect(request).toEqual({
      systemInstruction: {
        role: 'user',
        parts: [{ text: 'A' }, { text: 'B' }, { text: 'Be formal' }],
      },
      contents: [
        { role: 'user', parts: [{ text: 'hi' }] },
        { role: 'model', parts: [{ text: 'yo' }] },
        { role: 'user', parts: [{ text: 'x' }] },
      ],
    });
  });

  it('E5: turns a system-only request into the user turn', () => {
    const { request } = convert({ messages: [{ role: 'system', content: 'Say hi' }] });
    expect(request).toEqual({ contents: [{ role: 'user', parts: [{ text: 'Say hi' }] }] });
  });

  it('E6: skips empty text and never sends a turn without parts', () => {
    expect(
      convert({
        messages: [
          { role: 'user', content: 'hi' },
          { role: 'user', content: '' },
        ],
      }).request.contents,
    ).toEqual([{ role: 'user', parts: [{ text: 'hi' }] }]);
    expect(convert({ messages: [{ role: 'user', content: '' }] }).request.contents).toEqual([
      { role: 'user', parts: [{ text: ' ' }] },
    ]);
  });

  it('converts text and data-URL image parts, tolerating extra data-URL parameters', () => {
    const { request } = convert({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image_url', image_url: { url: 'data:image/JPEG;name=a.jpg;base64,/9j/4A' } },
          ],
        },
      ],
    });
    expect(request.contents[0]?.parts).toEqual([
      { text: 'What is this?' },
      { inlineData: { mimeType: 'image/jpeg', data: '/9j/4A' } },
    ]);
  });

  it('maps sampling and length settings, preferring max_completion_tokens (E36, E37)', () => {
    const { request } = convert({
      messages: [{ role: 'user', content: 'x' }],
      temperature: 0.2,
      top_p: 0.9,
      n: 2,
      stop: ['', 'END'],
      max_tokens: 100,
      max_completion_tokens: 200,
      presence_penalty: 0.5,
      frequency_penalty: -0.5,
      seed: 7,
    });
    expect(request.generationConfig).toEqual({
      temperature: 0.2,
      topP: 0.9,
      candidateCount: 2,
      stopSequences: ['END'],
      maxOutputTokens: 200,
      presencePenalty: 0.5,
      frequencyPenalty: -0.5,
      seed: 7,
    });
  });

  it('injects nothing the client did not ask for', () => {
    const { request } = convert({ messages: [{ role: 'user', content: 'x' }], n: 1 });
    expect(request).toEqual({ contents: [{ role: 'user', parts: [{ text: 'x' }] }] });
  });

  it('E42: ignores logit_bias with a warning instead of failing', () => {
    const { warnings } = convert({
      messages: [{ role: 'user', content: 'x' }],
      logit_bias: { '50256': -100 },
    });
    expect(warnings).toEqual([expect.objectContaining({ param: 'logit_bias' })]);
  });

  it('E43: maps json_schema output to responseMimeType + responseJsonSchema', () => {
    const schema = { type: 'object', properties: { a: { type: 'string' } } };
    const { request } = convert({
      messages: [{ role: 'user', content: 'x' }],
      response_format: { type: 'json_schema', json_schema: { name: 'x', schema } },
    });
    expect(request.generationConfig).toEqual({
      responseMimeType: 'application/json',
      responseJsonSchema: schema,
    });
  });
});
