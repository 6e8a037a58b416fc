import { ApiError, GoogleGenAI, Type, type Content } from '@google/genai';
import { startStack, type Stack } from './support/start-stack';

function lastUpstream(stack: Stack, path: string): Record<string, unknown> {
  const request = stack.emulator.requests.filter((entry) => entry.path === path).at(-1);
  if (!request) throw new Error(`no upstream ${path} request`);
  return request.body as Record<string, unknown>;
}

describe('the official @google/genai SDK against the gateway and the emulator', () => {
  let stack: Stack;
  let ai: GoogleGenAI;

  beforeAll(async () => {
    stack = await startStack();
    ai = new GoogleGenAI({ apiKey: stack.password, httpOptions: { baseUrl: stack.url } });
  });
  afterAll(() => stack.close());

  it('generateContent: text, usage and the caller config reaching upstream untouched', async () => {
    const response = await ai.models.generateContent({
      model: 'gemini-2.5-flash',
      contents: 'Hello there',
      config: {
        systemInstruction: 'You are terse.',
        temperature: 0.3,
        safetySettings: [
          { category: 'HARM_CATEGORY_HARASSMENT' as never, threshold: 'BLOCK_ONLY_HIGH' as never },
        ],
        thinkingConfig: { thinkingBudget: 1024 },
      },
    });
    expect(response.text).toBe('Echo: Hello there');
    expect(response.candidates?.[0]?.finishReason).toBe('STOP');
    expect(response.usageMetadata?.promptTokenCount).toBeGreaterThan(0);
    const upstream = lastUpstream(stack, '/v1internal:generateContent');
    expect(upstream['model']).toBe('gemini-2.5-flash');
    expect(upstream['request']).toEqual({
      contents: [{ role: 'user', parts: [{ text: 'Hello there' }] }],
      systemInstruction: { role: 'user', parts: [{ text: 'You are terse.' }] },
      safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_ONLY_HIGH' }],
      generationConfig: { temperature: 0.3, thinkingConfig: { thinkingBudget: 1024 } },
    });
  });

  it('generateContentStream: the text arrives in several chunks and ends with a finish reason', async () => {
    const stream = await ai.models.generateContentStream({
      model: 'models/gemini-2.5-pro',
      contents: 'Tell me a slightly longer story about streams',
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.map((chunk) => chunk.text ?? '').join('')).toBe(
      'Echo: Tell me a slightly longer story about streams',
    );
    expect(chunks.at(-1)?.candidates?.[0]?.finishReason).toBe('STOP');
    const request = stack.emulator.requests
      .filter((entry) => entry.path === '/v1internal:streamGenerateContent')
      .at(-1);
    expect(request?.query).toMatchObject({ alt: 'sse' });
  });

  it('countTokens: answered by the upstream countTokens call, not by generate', async () => {
    const before = stack.emulator.requests.filter((entry) =>
      entry.path.includes('enerateContent'),
    ).length;
    const result = await ai.models.countTokens({
      model: 'gemini-2.5-flash',
      contents: 'a'.repeat(40),
    });
    expect(result.totalTokens).toBe(10);
    expect(lastUpstream(stack, '/v1internal:countTokens')).toEqual({
      request: {
        model: 'models/gemini-2.5-flash',
        contents: [{ role: 'user', parts: [{ text: 'a'.repeat(40) }] }],
      },
    });
    expect(
      stack.emulator.requests.filter((entry) => entry.path.includes('enerateContent')).length,
    ).toBe(before);
  });

  it.each(['gemini-2.5-flash', 'gemini-3-pro-preview'])(
    'a function-calling round trip through a chat on %s (Gemini 3 signatures sent back)',
    async (model) => {
      const chat = ai.chats.create({
        model,
        config: {
          tools: [
            {
              functionDeclarations: [
                {
                  name: 'get_weather',
                  description: 'Weather for a city',
                  parameters: {
                    type: Type.OBJECT,
                    properties: { city: { type: Type.STRING } },
                    required: ['city'],
                  },
                },
              ],
            },
          ],
        },
      });
      const first = await chat.sendMessage({ message: 'Use get_weather for Paris' });
      const call = first.functionCalls?.[0];
      expect(call?.name).toBe('get_weather');
      expect(call?.args).toEqual({ city: 'example' });
      const second = await chat.sendMessage({
        message: [{ functionResponse: { name: 'get_weather', response: { temperature: 21 } } }],
      });
      expect(second.text).toBe('Results: get_weather={"temperature":21}');
      const contents = (
        lastUpstream(stack, '/v1internal:generateContent')['request'] as { contents: Content[] }
      ).contents;
      expect(contents).toHaveLength(3);
      const signature = contents[1]?.parts?.[0]?.thoughtSignature;
      if (model.startsWith('gemini-3')) expect(signature).toEqual(expect.any(String));
      else expect(signature).toBeUndefined();
    },
  );

  it('models.list pages through every model and variant in Google shape; models.get finds one', async () => {
    const names: string[] = [];
    const pager = await ai.models.list({ config: { pageSize: 20 } });
    for await (const model of pager) names.push(model.name ?? '');
    expect(names).toEqual(
      expect.arrayContaining([
        'models/gemini-2.5-pro',
        'models/gemini-2.5-flash-lite',
        'models/gemini-3-flash-preview',
        'models/gemini-3.1-pro-preview',
        'models/gemini-2.5-flash-search-nothinking',
        'models/gemini-3-pro-preview-maxthinking',
      ]),
    );
    expect(names.length).toBeGreaterThan(20);
    expect(new Set(names).size).toBe(names.length);
    const model = await ai.models.get({ model: 'gemini-2.5-pro' });
    expect(model).toMatchObject({
      name: 'models/gemini-2.5-pro',
      displayName: 'Gemini 2.5 Pro',
      inputTokenLimit: 1_048_576,
      outputTokenLimit: 65_536,
      supportedActions: ['generateContent', 'streamGenerateContent', 'countTokens'],
      thinking: true,
    });
  });

  it('surfaces Google-shaped errors as ApiError with the right status', async () => {
    const error = await ai.models
      .generateContent({ model: 'gemini-2.5-flsh', contents: 'hi' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(404);
    expect((error as ApiError).message).toContain('gemini-2.5-flash');
    const wrong = new GoogleGenAI({
      apiKey: 'not-the-password',
      httpOptions: { baseUrl: stack.url },
    });
    const denied = await wrong.models
      .generateContent({ model: 'gemini-2.5-flash', contents: 'hi' })
      .catch((caught: unknown) => caught);
    expect((denied as ApiError).status).toBe(401);
  });

  it('passes an upstream 4xx through with its message (temperature out of range)', async () => {
    const error = await ai.models
      .generateContent({ model: 'gemini-2.5-flash', contents: 'hi', config: { temperature: 3 } })
      .catch((caught: unknown) => caught);
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).message).toContain('has a temperature value of 3');
  });

  it('fits a thinkingLevel sent to a 2.5 model (which Google refuses) into a budget, with a warning', async () => {
    const response = await ai.models.generateContent({
      model: 'gemini-2.5-flash',
      contents: 'hi',
      config: { thinkingConfig: { thinkingLevel: 'HIGH' as never } },
    });
    expect(response.text).toBe('Echo: hi');
    expect(response.sdkHttpResponse?.headers?.['x-geminicli2api-warnings']).toBe(
      'generationConfig.thinkingConfig.thinkingLevel',
    );
    const upstream = lastUpstream(stack, '/v1internal:generateContent');
    expect(upstream['request']).toMatchObject({
      generationConfig: { thinkingConfig: { thinkingBudget: 24_576 } },
    });
  });
});
