import { generateContentRequestSchema } from '@geminicli2api/protocol-gemini';
import { chatCompletionRequestSchema } from '@geminicli2api/protocol-openai';
import { convertChatRequestToGemini } from '../request/convert-chat-request-to-gemini';
import { convertGeminiRequestToOpenAI } from './convert-gemini-request-to-openai';

// The reverse direction is a product (docs/library.md): a Gemini-shaped request becomes an OpenAI
// request that an OpenAI-compatible server accepts, and what it cannot express is reported.
const toolTurns = generateContentRequestSchema.parse({
  systemInstruction: { parts: [{ text: 'Be brief.' }, { text: 'Use tools.' }] },
  contents: [
    { role: 'user', parts: [{ text: 'Weather in Paris and Rome?' }] },
    {
      role: 'model',
      parts: [
        { text: 'thinking…', thought: true },
        { functionCall: { name: 'get_weather', args: { city: 'Paris' } } },
        { functionCall: { name: 'get_weather', args: { city: 'Rome' } } },
      ],
    },
    {
      role: 'user',
      parts: [
        { functionResponse: { name: 'get_weather', response: { output: 'sunny' } } },
        { functionResponse: { name: 'get_weather', response: { celsius: 21 } } },
      ],
    },
  ],
  tools: [
    {
      functionDeclarations: [
        {
          name: 'get_weather',
          description: 'Current weather',
          parametersJsonSchema: { type: 'object', properties: { city: { type: 'string' } } },
        },
      ],
    },
  ],
  toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['get_weather'] } },
  generationConfig: { temperature: 0.3, maxOutputTokens: 100, topK: 40 },
});

describe('convertGeminiRequestToOpenAI', () => {
  it('produces a request the OpenAI schema accepts, tool calls paired with their results in order', () => {
    const { request, warnings } = convertGeminiRequestToOpenAI(toolTurns, 'gpt-4o-mini');
    expect(chatCompletionRequestSchema.safeParse(request).success).toBe(true);
    expect(request.messages[0]).toEqual({ role: 'system', content: 'Be brief.\nUse tools.' });
    const assistant = request.messages[2];
    if (assistant?.role !== 'assistant') throw new Error('expected the model turn');
    expect(assistant.content).toBeNull(); // the thought is not sent
    const ids = (assistant.tool_calls ?? []).map((call) => call.id);
    expect(ids).toHaveLength(2);
    expect(request.messages.slice(3)).toEqual([
      { role: 'tool', tool_call_id: ids[0], content: 'sunny' },
      { role: 'tool', tool_call_id: ids[1], content: '{"celsius":21}' },
    ]);
    expect(request.tool_choice).toEqual({ type: 'function', function: { name: 'get_weather' } });
    expect(request).toMatchObject({ temperature: 0.3, max_completion_tokens: 100 });
    expect(warnings).toEqual([expect.objectContaining({ param: 'generationConfig.topK' })]);
  });

  it('round-trips through the forward translator to the same turns and calls', () => {
    const { request } = convertGeminiRequestToOpenAI(toolTurns, 'gemini-2.5-flash');
    const back = convertChatRequestToGemini(chatCompletionRequestSchema.parse(request), {
      model: 'gemini-2.5-flash',
    }).request;
    expect(back.contents.map((content) => content.role)).toEqual(['user', 'model', 'user']);
    expect(back.contents[1]?.parts.map((part) => part.functionCall?.args)).toEqual([
      { city: 'Paris' },
      { city: 'Rome' },
    ]);
    expect(back.contents[2]?.parts.map((part) => part.functionResponse?.response)).toEqual([
      { output: 'sunny' },
      { celsius: 21 },
    ]);
  });

  it('sends images inline and notes file URIs it cannot pass on', () => {
    const { request, warnings } = convertGeminiRequestToOpenAI(
      generateContentRequestSchema.parse({
        contents: [
          {
            role: 'user',
            parts: [
              { text: 'What is this?' },
              { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } },
              { fileData: { mimeType: 'application/pdf', fileUri: 'gs://bucket/a.pdf' } },
            ],
          },
        ],
        generationConfig: {
          responseMimeType: 'application/json',
          stopSequences: ['a', 'b', 'c', 'd', 'e'],
        },
      }),
      'gpt-4o',
    );
    expect(request.messages[0]?.content).toEqual([
      { type: 'text', text: 'What is this?' },
      { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
      { type: 'text', text: 'File: gs://bucket/a.pdf' },
    ]);
    expect(request.response_format).toEqual({ type: 'json_object' });
    expect(request.stop).toEqual(['a', 'b', 'c', 'd']);
    expect(warnings.map((warning) => warning.param).sort()).toEqual([
      'contents.parts.fileData',
      'generationConfig.stopSequences',
    ]);
  });
});
