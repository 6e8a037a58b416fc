import {
  chatCompletionRequestSchema,
  type ChatCompletionRequestInput,
} from '@geminicli2api/protocol-openai';
import { TranslationError } from '../translator-error';
import {
  convertChatRequestToGemini,
  type ConvertRequestOptions,
} from './convert-chat-request-to-gemini';
import { collectRemoteMediaUrls } from './collect-remote-media-urls';

const user = (content: ChatCompletionRequestInput['messages'][number]['content']) =>
  [{ role: 'user', content }] as ChatCompletionRequestInput['messages'];
function convert(extra: Partial<ChatCompletionRequestInput>, options?: ConvertRequestOptions) {
  return convertChatRequestToGemini(
    chatCompletionRequestSchema.parse({ model: 'gemini-2.5-flash', messages: user('x'), ...extra }),
    options,
  );
}
function paramOf(run: () => unknown): string | null {
  try {
    run();
  } catch (error) {
    if (TranslationError.isInstance(error)) return error.param;
    throw error;
  }
  throw new Error('expected a TranslationError');
}
const fn = (name: string, parameters?: Record<string, unknown>) => ({
  type: 'function' as const,
  function: { name, ...(parameters ? { parameters } : {}) },
});

describe('tools and tool_choice (translation.md §1.8)', () => {
  it('§1.9 worked example translates into the documented Gemini request', () => {
    const { request } = convert({
      temperature: 0.2,
      max_tokens: 500,
      stop: 'END',
      messages: [
        { role: 'system', content: 'Be brief.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Weather in Paris?' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBOR' } },
          ],
        },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'call_1',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: '18C, cloudy' },
      ],
      tools: [
        fn('get_weather', {
          type: 'object',
          properties: { city: { type: 'string' } },
          required: ['city'],
        }),
      ],
      tool_choice: 'auto',
    });
    expect(request).toMatchInlineSnapshot(`
{
  "contents": [
    {
      "parts": [
        {
          "text": "Weather in Paris?",
        },
        {
          "inlineData": {
            "data": "iVBOR",
            "mimeType": "image/png",
          },
        },
      ],
      "role": "user",
    },
    {
      "parts": [
        {
          "functionCall": {
            "args": {
              "city": "Paris",
            },
            "name": "get_weather",
          },
        },
      ],
      "role": "model",
    },
    {
      "parts": [
        {
          "functionResponse": {
            "name": "get_weather",
            "response": {
              "output": "18C, cloudy",
            },
          },
        },
      ],
      "role": "user",
    },
  ],
  "generationConfig": {
    "maxOutputTokens": 500,
    "stopSequences": [
      "END",
    ],
    "temperature": 0.2,
  },
  "systemInstruction": {
    "parts": [
      {
        "text": "Be brief.",
      },
    ],
    "role": "user",
  },
  "toolConfig": {
    "functionCallingConfig": {
      "mode": "AUTO",
    },
  },
  "tools": [
    {
      "functionDeclarations": [
        {
          "name": "get_weather",
          "parametersJsonSchema": {
            "properties": {
              "city": {
                "type": "string",
              },
            },
            "required": [
              "city",
            ],
            "type": "object",
          },
        },
      ],
    },
  ],
}
`);
  });

  it.each([
    {
      name: 'E30: named tool_choice',
      extra: {
        tools: [fn('f'), fn('g')],
        tool_choice: { type: 'function', function: { name: 'f' } },
      },
      config: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['f'] } },
      names: ['f', 'g'],
    },
    {
      name: 'E31: none keeps declarations',
      extra: { tools: [fn('f')], tool_choice: 'none' },
      config: { functionCallingConfig: { mode: 'NONE' } },
      names: ['f'],
    },
    {
      name: 'required → ANY',
      extra: { tools: [fn('f')], tool_choice: 'required' },
      config: { functionCallingConfig: { mode: 'ANY' } },
      names: ['f'],
    },
    {
      name: 'E34: allowed_tools auto filters declarations',
      extra: {
        tools: [fn('f'), fn('g')],
        tool_choice: {
          type: 'allowed_tools',
          allowed_tools: { mode: 'auto', tools: [{ type: 'function', function: { name: 'f' } }] },
        },
      },
      config: { functionCallingConfig: { mode: 'AUTO' } },
      names: ['f'],
    },
    {
      name: 'allowed_tools required → ANY + names',
      extra: {
        tools: [fn('f'), fn('g')],
        tool_choice: {
          type: 'allowed_tools',
          allowed_tools: {
            mode: 'required',
            tools: [{ type: 'function', function: { name: 'g' } }],
          },
        },
      },
      config: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['g'] } },
      names: ['f', 'g'],
    },
    {
      name: 'legacy functions + function_call',
      extra: { functions: [{ name: 'f' }], function_call: { name: 'f' } },
      config: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['f'] } },
      names: ['f'],
    },
  ])('$name', ({ extra, config, names }) => {
    const { request } = convert(extra as Partial<ChatCompletionRequestInput>);
    expect(request.toolConfig).toEqual(config);
    expect(
      request.tools?.[0]?.functionDeclarations?.map((declaration) => declaration.name),
    ).toEqual(names);
  });

  it('E32: tool_choice required without tools adds nothing', () => {
    expect(convert({ tool_choice: 'required' }).request).not.toHaveProperty('toolConfig');
  });

  it('E28: a name Gemini rejects is sanitised and the map restores it', () => {
    const { request, toolNames } = convert({ tools: [fn('3d_render')] });
    expect(request.tools?.[0]?.functionDeclarations?.[0]?.name).toBe('_3d_render');
    expect(toolNames.get('_3d_render')).toBe('3d_render');
  });

  it.each([
    {
      name: 'named tool not declared',
      extra: { tools: [fn('f')], tool_choice: { type: 'function', function: { name: 'nope' } } },
      param: 'tool_choice',
    },
    {
      name: 'custom tool type',
      extra: { tools: [{ type: 'custom', custom: { name: 'x' } }] },
      param: 'tools[0].type',
    },
    {
      name: 'non-object root schema',
      extra: { tools: [fn('f', { type: 'string' })] },
      param: 'tools[0].function.parameters',
    },
    {
      name: 'duplicate names',
      extra: { tools: [fn('f'), fn('f')] },
      param: 'tools[1].function.name',
    },
    {
      name: 'E44 style: top_logprobs without logprobs',
      extra: { top_logprobs: 3 },
      param: 'top_logprobs',
    },
    { name: 'audio modality', extra: { modalities: ['text', 'audio'] }, param: 'modalities[1]' },
  ])('$name → 400 param $param', ({ extra, param }) => {
    expect(paramOf(() => convert(extra as Partial<ChatCompletionRequestInput>))).toBe(param);
  });

  it('E29: empty parameters are dropped on the legacy path and kept on the JSON-schema path', () => {
    const extra = { tools: [fn('f', { type: 'object', properties: {} })] };
    expect(convert(extra).request.tools?.[0]?.functionDeclarations?.[0]).toEqual({
      name: 'f',
      parametersJsonSchema: { type: 'object', properties: {} },
    });
    expect(
      convert(extra, { schemaMode: 'legacy' }).request.tools?.[0]?.functionDeclarations?.[0],
    ).toEqual({ name: 'f' });
  });

  it('E35: web_search_options adds googleSearch on Gemini 3 and is dropped with a warning on 2.x with functions', () => {
    expect(
      convert({ model: 'gemini-3-pro-preview', tools: [fn('f')], web_search_options: {} }).request
        .tools?.[1],
    ).toEqual({ googleSearch: {} });
    const two = convert({ tools: [fn('f')], web_search_options: {} });
    expect(two.request.tools).toHaveLength(1);
    expect(two.warnings.map((warning) => warning.param)).toContain('web_search_options');
    expect(convert({ web_search_options: {} }).request.tools).toEqual([{ googleSearch: {} }]);
  });

  it('accepts Gemini built-in tools in tools[]', () => {
    expect(
      convert({ tools: [{ google_search: {} }, { type: 'code_execution' }] as never }).request
        .tools,
    ).toEqual([{ googleSearch: {} }, { codeExecution: {} }]);
  });
});

describe('generation config (translation.md §1.5–§1.7, §1.10)', () => {
  it.each([
    ['gemini-2.5-pro', 'none', { thinkingBudget: 128, includeThoughts: false }],
    ['gemini-2.5-flash', 'none', { thinkingBudget: 0, includeThoughts: false }],
    ['gemini-2.5-flash', 'minimal', { thinkingBudget: 512, includeThoughts: true }],
    ['gemini-2.5-flash', 'low', { thinkingBudget: 1024, includeThoughts: true }],
    ['gemini-2.5-flash', 'high', { thinkingBudget: 24576, includeThoughts: true }],
    ['gemini-2.5-pro', 'xhigh', { thinkingBudget: 32768, includeThoughts: true }],
    ['gemini-3-pro-preview', 'medium', { thinkingLevel: 'high', includeThoughts: true }],
    ['gemini-3-flash-preview', 'medium', { thinkingLevel: 'medium', includeThoughts: true }],
    ['gemini-3-pro-preview', 'minimal', { thinkingLevel: 'low', includeThoughts: true }],
    ['gemini-3-flash-preview', 'none', { thinkingLevel: 'minimal', includeThoughts: false }],
    ['gemini-3.1-pro-preview', 'medium', { thinkingLevel: 'medium', includeThoughts: true }],
  ] as const)('E39/E40: %s reasoning_effort=%s', (model, effort, thinkingConfig) => {
    expect(convert({ model, reasoning_effort: effort }).request.generationConfig).toEqual({
      thinkingConfig,
    });
  });

  it.each([
    {
      name: 'E41: nested extra_body.google.thinking_config',
      extra: {
        extra_body: {
          google: { thinking_config: { thinking_budget: 2048, include_thoughts: true } },
        },
      },
      expected: { thinkingBudget: 2048, includeThoughts: true },
    },
    {
      name: 'google.thinking_config beats reasoning_effort',
      extra: { reasoning_effort: 'high', google: { thinking_config: { thinking_budget: 100 } } },
      expected: { thinkingBudget: 100 },
    },
    {
      name: 'OpenRouter reasoning.max_tokens',
      extra: { reasoning: { max_tokens: 4000 } },
      expected: { thinkingBudget: 4000, includeThoughts: true },
    },
    {
      name: 'reasoning.exclude hides thoughts',
      extra: { reasoning: { effort: 'low', exclude: true } },
      expected: { thinkingBudget: 1024, includeThoughts: false },
    },
    {
      name: 'Anthropic thinking',
      extra: { thinking: { type: 'enabled', budget_tokens: 3000 } },
      expected: { thinkingBudget: 3000, includeThoughts: true },
    },
  ])('$name', ({ extra, expected }) => {
    expect(
      convert(extra as Partial<ChatCompletionRequestInput>).request.generationConfig
        ?.thinkingConfig,
    ).toEqual(expected);
  });

  it('never sends thinkingLevel to a budget model, nor both fields', () => {
    const config = convert({
      google: { thinking_config: { thinking_level: 'low', thinking_budget: 10 } },
    }).request.generationConfig?.thinkingConfig;
    expect(config).toEqual({ thinkingBudget: 1024 });
    const three = convert({
      model: 'gemini-3-flash-preview',
      google: { thinking_config: { thinking_level: 'LOW', thinking_budget: 10 } },
    });
    expect(three.request.generationConfig?.thinkingConfig).toEqual({ thinkingLevel: 'low' });
  });

  it('penalties pass on 2.5 and are dropped with a warning on Gemini 3', () => {
    expect(convert({ presence_penalty: 0.5 }).request.generationConfig).toEqual({
      presencePenalty: 0.5,
    });
    const three = convert({
      model: 'gemini-3-pro-preview',
      presence_penalty: 0.5,
      frequency_penalty: 0.1,
    });
    expect(three.request.generationConfig).toBeUndefined();
    expect(three.warnings.map((warning) => warning.param)).toEqual([
      'presence_penalty',
      'frequency_penalty',
    ]);
  });

  it('maps logprobs, modalities, json_object and the legacy schema fallback', () => {
    expect(
      convert({
        logprobs: true,
        top_logprobs: 3,
        modalities: ['text', 'image'],
        response_format: { type: 'json_object' },
      }).request.generationConfig,
    ).toEqual({
      responseLogprobs: true,
      logprobs: 3,
      responseModalities: ['TEXT', 'IMAGE'],
      responseMimeType: 'application/json',
    });
    const legacy = convert(
      {
        response_format: {
          type: 'json_schema',
          json_schema: {
            name: 'x',
            schema: {
              type: 'object',
              properties: { b: { type: 'string' }, a: { type: ['integer', 'null'] } },
            },
          },
        },
      },
      { schemaMode: 'legacy' },
    );
    expect(legacy.request.generationConfig).toEqual({
      responseMimeType: 'application/json',
      responseSchema: {
        type: 'object',
        properties: { b: { type: 'string' }, a: { type: 'integer', nullable: true } },
        propertyOrdering: ['b', 'a'],
      },
    });
  });

  it('passes allowlisted generationConfig keys and warns about the rest', () => {
    const { request, warnings } = convert({ generationConfig: { topK: 5, contents: [] } });
    expect(request.generationConfig).toEqual({ topK: 5 });
    expect(warnings.map((warning) => warning.param)).toEqual(['generationConfig.contents']);
  });
});

describe('content parts (translation.md §1.3)', () => {
  it.each([
    {
      name: 'E21: data URL with extra parameters',
      part: { type: 'image_url', image_url: { url: 'data:image/jpeg;name=a.jpg;base64,/9j/4A' } },
      expected: [{ inlineData: { mimeType: 'image/jpeg', data: '/9j/4A' } }],
    },
    {
      name: 'E23: gs:// image → fileData',
      part: { type: 'image_url', image_url: { url: 'gs://b/c.jpg' } },
      expected: [{ fileData: { mimeType: 'image/jpeg', fileUri: 'gs://b/c.jpg' } }],
    },
    {
      name: 'E24: input_audio mp3',
      part: { type: 'input_audio', input_audio: { data: 'SUQz', format: 'mp3' } },
      expected: [{ inlineData: { mimeType: 'audio/mp3', data: 'SUQz' } }],
    },
    {
      name: 'E25: file part with a data URL',
      part: {
        type: 'file',
        file: { filename: 'r.pdf', file_data: 'data:application/pdf;base64,JVBE' },
      },
      expected: [{ inlineData: { mimeType: 'application/pdf', data: 'JVBE' } }],
    },
    {
      name: 'file part with raw base64 and a filename',
      part: { type: 'file', file: { filename: 'r.pdf', file_data: 'JVBE' } },
      expected: [{ inlineData: { mimeType: 'application/pdf', data: 'JVBE' } }],
    },
  ])('$name', ({ part, expected }) => {
    expect(convert({ messages: user([part] as never) }).request.contents[0]?.parts).toEqual(
      expected,
    );
  });

  it('E22: an http image uses the pre-fetched bytes, or 400s naming the part', () => {
    const url = 'https://ex.com/cat.png';
    const messages = user([
      { type: 'text', text: 'hi' },
      { type: 'image_url', image_url: { url } },
    ]);
    expect(
      collectRemoteMediaUrls(chatCompletionRequestSchema.parse({ model: 'm', messages })),
    ).toEqual([url]);
    const remoteMedia = new Map([[url, { mimeType: 'image/png', data: 'AAAA' }]]);
    expect(convert({ messages }, { remoteMedia }).request.contents[0]?.parts[1]).toEqual({
      inlineData: { mimeType: 'image/png', data: 'AAAA' },
    });
    expect(paramOf(() => convert({ messages }))).toBe('messages[0].content[1].image_url.url');
  });

  it('E25: file_id → 400', () => {
    expect(
      paramOf(() => convert({ messages: user([{ type: 'file', file: { file_id: 'file-1' } }]) })),
    ).toBe('messages[0].content[0].file.file_id');
  });

  it('E26: markdown data-URI images are split only with the option on', () => {
    const text = 'Here ![x](data:image/png;base64,AAA) done ![y](https://e.com/a.png)';
    expect(convert({ messages: user(text) }).request.contents[0]?.parts).toEqual([{ text }]);
    expect(
      convert({ messages: user(text) }, { markdownImages: true }).request.contents[0]?.parts,
    ).toEqual([
      { text: 'Here ' },
      { inlineData: { mimeType: 'image/png', data: 'AAA' } },
      { text: ' done ![y](https://e.com/a.png)' },
    ]);
  });

  it('E27: a user name is ignored', () => {
    expect(
      convert({ messages: [{ role: 'user', name: 'bob', content: 'hi' }] }).request.contents,
    ).toEqual([{ role: 'user', parts: [{ text: 'hi' }] }]);
  });
});
