import { FAKE_THOUGHT_TEXT, generateFakeAnswer, lastUserText } from './fake-model';
import type { GeminiGenerateRequest } from './gemini-types';

const ask = (text: string, extra: Partial<GeminiGenerateRequest> = {}): GeminiGenerateRequest => ({
  contents: [{ role: 'user', parts: [{ text }] }],
  ...extra,
});
const flash = { model: 'gemini-2.5-flash', stream: false };
const weather = {
  name: 'get_weather',
  parametersJsonSchema: {
    type: 'object',
    properties: {
      city: { type: 'string' },
      unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
      days: { type: 'integer' },
    },
    required: ['city', 'unit'],
  },
};
const time = {
  name: 'get_time',
  parameters: { type: 'OBJECT', properties: { zone: { type: 'STRING' } } },
};

describe('generateFakeAnswer', () => {
  it('echoes the last user text with STOP and ceil(chars/4) usage', () => {
    const answer = generateFakeAnswer(ask('hello world'), flash);
    expect(answer.candidates).toEqual([
      { parts: [{ text: 'Echo: hello world' }], finishReason: 'STOP' },
    ]);
    expect(answer.usageMetadata).toEqual({
      promptTokenCount: 3,
      candidatesTokenCount: 5,
      totalTokenCount: 8,
      trafficType: 'ON_DEMAND',
    });
  });

  it('calls every declared function named in the last user text, in declaration order', () => {
    const request = ask('use get_time then get_weather', {
      tools: [{ functionDeclarations: [weather, time] }],
    });
    const answer = generateFakeAnswer(request, flash);
    expect(answer.candidates[0]).toEqual({
      parts: [
        { functionCall: { name: 'get_weather', args: { city: 'example', unit: 'celsius' } } },
        { functionCall: { name: 'get_time', args: { zone: 'example' } } },
      ],
      finishReason: 'STOP',
    });
  });

  it('a [[call NAME {args}]] directive calls that declared function with exactly those args', () => {
    const request = ask(
      'mentions get_weather but [[call get_time {"zone":"UTC+1 [x]"}]] and [[call missing {}]]',
      { tools: [{ functionDeclarations: [weather, time] }] },
    );
    const answer = generateFakeAnswer(request, flash);
    expect(answer.candidates[0]?.parts).toEqual([
      { functionCall: { name: 'get_time', args: { zone: 'UTC+1 [x]' } } },
    ]);
  });

  it('a directive without arguments calls the function with an empty object', () => {
    const request = ask('[[call get_time]]', { tools: [{ functionDeclarations: [time] }] });
    expect(generateFakeAnswer(request, flash).candidates[0]?.parts).toEqual([
      { functionCall: { name: 'get_time', args: {} } },
    ]);
  });

  it.each<[string, Partial<GeminiGenerateRequest>, string[]]>([
    [
      'AUTO without a named function answers text',
      { tools: [{ functionDeclarations: [weather] }] },
      [],
    ],
    [
      'ANY without a named function calls the first one',
      {
        tools: [{ functionDeclarations: [weather, time] }],
        toolConfig: { functionCallingConfig: { mode: 'ANY' } },
      },
      ['get_weather'],
    ],
    [
      'ANY honours allowedFunctionNames',
      {
        tools: [{ functionDeclarations: [weather, time] }],
        toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['get_time'] } },
      },
      ['get_time'],
    ],
  ])('%s', (_name, extra, names) => {
    const answer = generateFakeAnswer(ask('what now?', extra), flash);
    const called = answer.candidates[0]?.parts.flatMap((part) =>
      part.functionCall ? [part.functionCall.name] : [],
    );
    expect(called).toEqual(names);
  });

  it('never calls with mode NONE even when the name appears', () => {
    const request = ask('get_weather please', {
      tools: [{ functionDeclarations: [weather] }],
      toolConfig: { functionCallingConfig: { mode: 'NONE' } },
    });
    expect(generateFakeAnswer(request, flash).candidates[0]?.parts).toEqual([
      { text: 'Echo: get_weather please' },
    ]);
  });

  it('summarises function results instead of calling again', () => {
    const request: GeminiGenerateRequest = {
      contents: [
        { role: 'user', parts: [{ text: 'get_weather and get_time' }] },
        {
          role: 'model',
          parts: [
            { functionCall: { name: 'get_weather', args: {} } },
            { functionCall: { name: 'get_time', args: {} } },
          ],
        },
        {
          role: 'user',
          parts: [
            { functionResponse: { name: 'get_weather', response: { temp: 20 } } },
            { functionResponse: { name: 'get_time', response: { output: '10:00' } } },
          ],
        },
      ],
      tools: [{ functionDeclarations: [weather, time] }],
    };
    expect(generateFakeAnswer(request, flash).candidates[0]?.parts).toEqual([
      { text: 'Results: get_weather={"temp":20}; get_time={"output":"10:00"}' },
    ]);
  });

  it.each<[string, Record<string, unknown>, unknown]>([
    ['no schema', { responseMimeType: 'application/json' }, { echo: 'json please' }],
    [
      'a JSON schema',
      {
        responseMimeType: 'application/json',
        responseJsonSchema: {
          type: 'object',
          properties: { ok: { type: 'boolean' }, n: { type: 'number' }, tags: { type: 'array' } },
        },
      },
      { ok: true, n: 1, tags: [] },
    ],
    [
      'a legacy schema with required',
      {
        responseMimeType: 'application/json',
        responseSchema: {
          type: 'OBJECT',
          properties: { a: { type: 'STRING' }, b: { type: 'STRING' } },
          required: ['b'],
        },
      },
      { b: 'example' },
    ],
  ])('answers JSON for %s', (_name, generationConfig, expected) => {
    const answer = generateFakeAnswer(ask('json please', { generationConfig }), flash);
    expect(JSON.parse(answer.candidates[0]?.parts[0]?.text ?? '')).toEqual(expected);
  });

  it('adds a thought part first and reports thoughtsTokenCount when includeThoughts is on', () => {
    const answer = generateFakeAnswer(
      ask('hi', { generationConfig: { thinkingConfig: { includeThoughts: true } } }),
      flash,
    );
    expect(answer.candidates[0]?.parts[0]).toEqual({ text: FAKE_THOUGHT_TEXT, thought: true });
    const usage = answer.usageMetadata;
    expect(usage.thoughtsTokenCount).toBe(Math.ceil(FAKE_THOUGHT_TEXT.length / 4));
    expect(usage.totalTokenCount).toBe(
      (usage.promptTokenCount ?? 0) +
        (usage.candidatesTokenCount ?? 0) +
        (usage.thoughtsTokenCount ?? 0),
    );
  });

  it('returns n candidates suffixed with #i', () => {
    const answer = generateFakeAnswer(
      ask('hi', { generationConfig: { candidateCount: 3 } }),
      flash,
    );
    expect(answer.candidates.map((candidate) => candidate.parts[0]?.text)).toEqual([
      'Echo: hi',
      'Echo: hi #1',
      'Echo: hi #2',
    ]);
  });

  it('truncates to maxOutputTokens with MAX_TOKENS', () => {
    const answer = generateFakeAnswer(
      ask('a rather long prompt to echo back', { generationConfig: { maxOutputTokens: 2 } }),
      flash,
    );
    expect(answer.candidates[0]).toEqual({
      parts: [{ text: 'Echo: a ' }],
      finishReason: 'MAX_TOKENS',
    });
  });

  it('cuts at the first stop sequence with STOP', () => {
    const answer = generateFakeAnswer(
      ask('one two END three', { generationConfig: { stopSequences: ['three', 'END'] } }),
      flash,
    );
    expect(answer.candidates[0]).toEqual({
      parts: [{ text: 'Echo: one two ' }],
      finishReason: 'STOP',
    });
  });

  describe('Gemini 3 signatures', () => {
    const decode = (signature: string | undefined) =>
      Buffer.from(signature ?? '', 'base64').toString();

    it('signs only the first of parallel function calls', () => {
      const request = ask('get_weather get_time', {
        tools: [{ functionDeclarations: [weather, time] }],
      });
      const parts =
        generateFakeAnswer(request, { model: 'gemini-3-pro-preview', stream: true }).candidates[0]
          ?.parts ?? [];
      expect(decode(parts[0]?.thoughtSignature)).toMatch(
        /^emu-sig:gemini-3-pro-preview:[0-9a-f]+$/,
      );
      expect(parts[1]?.thoughtSignature).toBeUndefined();
    });

    it('puts a text signature on a trailing empty part when streaming', () => {
      const parts = generateFakeAnswer(ask('hi'), { model: 'gemini-3-flash-preview', stream: true })
        .candidates[0]?.parts;
      expect(parts).toEqual([
        { text: 'Echo: hi' },
        { text: '', thoughtSignature: expect.any(String) },
      ]);
    });

    it('puts a text signature on the last part when not streaming', () => {
      const parts = generateFakeAnswer(ask('hi'), {
        model: 'gemini-3-flash-preview',
        stream: false,
      }).candidates[0]?.parts;
      expect(parts).toEqual([{ text: 'Echo: hi', thoughtSignature: expect.any(String) }]);
    });

    it('does not sign Gemini 2.5 answers', () => {
      const request = ask('get_weather', { tools: [{ functionDeclarations: [weather] }] });
      expect(
        generateFakeAnswer(request, { model: 'gemini-2.5-pro', stream: true }).candidates[0]
          ?.parts[0]?.thoughtSignature,
      ).toBeUndefined();
    });
  });
});

describe('lastUserText', () => {
  it('joins the text parts of the last user content and describes media', () => {
    const text = lastUserText([
      { role: 'user', parts: [{ text: 'old' }] },
      { role: 'model', parts: [{ text: 'reply' }] },
      {
        role: 'user',
        parts: [{ text: 'look' }, { inlineData: { mimeType: 'image/png', data: 'AA==' } }],
      },
    ]);
    expect(text).toBe('look\n[image/png]');
  });
});
