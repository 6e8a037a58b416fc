import { startStack, type Stack } from './support/start-stack';

describe('the native Gemini surface over raw HTTP', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${stack.url}${path}`, {
      method: 'POST',
      headers: { 'x-goog-api-key': stack.password, 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const hello = {
    contents: [{ role: 'user', parts: [{ text: 'Tell me a slightly longer story about arrays' }] }],
  };

  it('streams a JSON array without alt=sse, framed like Google: [ objects ,\\r\\n ]', async () => {
    const response = await post('/v1beta/models/gemini-2.5-flash:streamGenerateContent', hello);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    const text = await response.text();
    expect(text.startsWith('[{')).toBe(true);
    expect(text.endsWith('}]')).toBe(true);
    expect(text).toContain('},\r\n{');
    const events = JSON.parse(text) as {
      candidates?: { content?: { parts?: { text?: string }[] } }[];
    }[];
    expect(events.length).toBeGreaterThan(1);
    expect(
      events.map((event) => event.candidates?.[0]?.content?.parts?.[0]?.text ?? '').join(''),
    ).toBe('Echo: Tell me a slightly longer story about arrays');
  });

  it('streams SSE with alt=sse, each event "data: <json>\\r\\n\\r\\n" and no [DONE]', async () => {
    const response = await post(
      '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
      hello,
    );
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const text = await response.text();
    const events = text.split('\r\n\r\n').filter(Boolean);
    expect(events.length).toBeGreaterThan(1);
    for (const event of events) expect(event).toMatch(/^data: \{.*\}$/s);
    expect(text).not.toContain('[DONE]');
  });

  it("accepts Google's quickstart body, whose content has no role, for generate, stream and countTokens", async () => {
    const quickstart = { contents: [{ parts: [{ text: 'Explain how AI works' }] }] };
    const generated = await post('/v1beta/models/gemini-2.5-flash:generateContent', quickstart);
    expect(generated.status).toBe(200);
    const answer = (await generated.json()) as {
      candidates: { content: { parts: { text: string }[] } }[];
    };
    expect(answer.candidates[0]?.content.parts[0]?.text).toBe('Echo: Explain how AI works');
    const streamed = await post(
      '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
      quickstart,
    );
    expect(streamed.status).toBe(200);
    expect(await streamed.text()).toContain('"finishReason":"STOP"');
    for (const body of [quickstart, { generate_content_request: quickstart }]) {
      const counted = await post('/v1beta/models/gemini-2.5-flash:countTokens', body);
      expect(counted.status).toBe(200);
      expect(((await counted.json()) as { totalTokens: number }).totalTokens).toBeGreaterThan(0);
    }
  });

  it('accepts the /v1/ version path, a models/ prefix in the path, and snake_case fields', async () => {
    const response = await post('/v1/models/models%2Fgemini-2.5-flash:generateContent', {
      contents: [
        {
          role: 'user',
          parts: [
            { text: 'Describe' },
            { inline_data: { mime_type: 'image/png', data: 'iVBORw0KGgo=' } },
          ],
        },
      ],
      system_instruction: { parts: [{ text: 'Be brief.' }] },
      generation_config: {
        max_output_tokens: 100,
        thinking_config: { thinking_budget: 0, include_thoughts: false },
      },
      tools: [
        {
          function_declarations: [
            {
              name: 'look_up',
              parameters_json_schema: {
                type: 'object',
                properties: { snake_case_arg: { type: 'string' } },
              },
            },
          ],
        },
      ],
    });
    expect(response.status).toBe(200);
    const request = stack.emulator.requests
      .filter((entry) => entry.path === '/v1internal:generateContent')
      .at(-1);
    expect(request?.body).toMatchObject({
      model: 'gemini-2.5-flash',
      request: {
        contents: [
          {
            parts: [
              { text: 'Describe' },
              { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } },
            ],
          },
        ],
        systemInstruction: { parts: [{ text: 'Be brief.' }] },
        generationConfig: {
          maxOutputTokens: 100,
          thinkingConfig: { thinkingBudget: 0, includeThoughts: false },
        },
        tools: [
          {
            functionDeclarations: [
              {
                name: 'look_up',
                parametersJsonSchema: { properties: { snake_case_arg: { type: 'string' } } },
              },
            ],
          },
        ],
      },
    });
  });

  it('answers a body not sent as JSON, or not an object, with a Gemini-shaped 400 saying what to send', async () => {
    for (const [body, headers, expected] of [
      [hello, { 'content-type': 'text/plain' }, /no JSON body.*Content-Type: application\/json/],
      [hello, { 'content-type': 'application/x-www-form-urlencoded' }, /no JSON body/],
      [[hello], {}, /the body must be a JSON object/],
    ] as const) {
      const response = await post('/v1beta/models/gemini-2.5-flash:generateContent', body, headers);
      expect(response.status).toBe(400);
      const { error } = (await response.json()) as { error: Record<string, unknown> };
      expect(error).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT' });
      expect(error['message']).toMatch(expected);
    }
  });

  it('answers a Content-Encoding it cannot read with a Gemini-shaped 415 naming it', async () => {
    const response = await post('/v1beta/models/gemini-2.5-flash:generateContent', hello, {
      'content-encoding': 'zstd',
    });
    expect(response.status).toBe(415);
    const { error } = (await response.json()) as { error: Record<string, unknown> };
    expect(error).toMatchObject({ code: 415, status: 'INVALID_ARGUMENT' });
    expect(error['message']).toMatch(/^Unsupported Content-Encoding "zstd"/);
  });

  it('refuses a wrong key with a Gemini-shaped 401', async () => {
    const response = await post('/v1beta/models/gemini-2.5-flash:generateContent', hello, {
      'x-goog-api-key': 'wrong-password',
    });
    expect(response.status).toBe(401);
    const body = (await response.json()) as { error: Record<string, unknown> };
    expect(body.error).toMatchObject({
      code: 401,
      status: 'UNAUTHENTICATED',
      details: expect.any(Array),
    });
    expect(body.error['message']).toMatch(/Incorrect password/);
    expect(JSON.stringify(body)).not.toContain(stack.password);
  });

  it('answers an unknown model with a Gemini-shaped 404 listing close matches', async () => {
    const response = await post('/v1beta/models/gemini-2.5-flsh-search:generateContent', hello);
    expect(response.status).toBe(404);
    const body = (await response.json()) as {
      error: { code: number; status: string; message: string };
    };
    expect(body.error.status).toBe('NOT_FOUND');
    expect(body.error.message).toMatch(/Did you mean: gemini-2\.5-flash-search/);
    const get = await fetch(`${stack.url}/v1beta/models/gemini-9?key=${stack.password}`);
    expect(get.status).toBe(404);
    expect(((await get.json()) as { error: { status: string } }).error.status).toBe('NOT_FOUND');
  });

  it.each([
    ['malformed JSON', '{"contents": [', /not valid JSON/],
    ['contents missing', { generationConfig: {} }, /contents/],
    ['empty contents', { contents: [] }, /contents must not be empty/],
    [
      'a part that is not an object',
      { contents: [{ role: 'user', parts: ['hello'] }] },
      /contents\[0\]\.parts\[0\]/,
    ],
    ['a JSON array body', [1, 2], /JSON object/],
  ])('answers %s with a Gemini-shaped 400', async (_name, body, message) => {
    const response = await post('/v1beta/models/gemini-2.5-flash:generateContent', body);
    expect(response.status).toBe(400);
    const json = (await response.json()) as {
      error: { code: number; status: string; message: string };
    };
    expect(json.error.code).toBe(400);
    expect(json.error.status).toBe('INVALID_ARGUMENT');
    expect(json.error.message).toMatch(message);
  });

  it.each([
    ['alt=sse', '?alt=sse'],
    ['array', ''],
  ])(
    'a stream failing after its first event ends with a Gemini error object (%s)',
    async (_name, query) => {
      stack.emulator.script({
        kind: 'error-event',
        afterEvents: 1,
        match: { method: 'streamGenerateContent' },
      });
      const response = await post(
        `/v1beta/models/gemini-2.5-flash:streamGenerateContent${query}`,
        hello,
      );
      expect(response.status).toBe(200);
      const text = await response.text();
      const last = query
        ? (JSON.parse(
            (text.split('\r\n\r\n').filter(Boolean).at(-1) ?? '').slice('data: '.length),
          ) as unknown)
        : (JSON.parse(text) as unknown[]).at(-1);
      expect(last).toMatchObject({ error: { code: 500, status: 'INTERNAL' } });
    },
  );

  it('answers GET /v1/models/{id} in OpenAI shape, or in Google shape for a Google SDK; unknown native paths 404 in Google shape', async () => {
    const openai = await fetch(`${stack.url}/v1/models/gemini-2.5-flash-search`, {
      headers: { authorization: `Bearer ${stack.password}` },
    });
    expect(await openai.json()).toMatchObject({
      id: 'gemini-2.5-flash-search',
      object: 'model',
      owned_by: 'google',
    });
    const google = await fetch(`${stack.url}/v1/models/gemini-2.5-flash`, {
      headers: {
        'x-goog-api-key': stack.password,
        'x-goog-api-client': 'google-genai-sdk/1.52.0 gl-node/20',
      },
    });
    expect(await google.json()).toMatchObject({
      name: 'models/gemini-2.5-flash',
      supportedGenerationMethods: expect.arrayContaining(['countTokens']),
    });
    const unknown = await fetch(`${stack.url}/v1beta/files`, {
      headers: { 'x-goog-api-key': stack.password },
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 404, status: 'NOT_FOUND' } });
    const embed = await post('/v1beta/models/gemini-2.5-flash:embedContent', hello);
    expect(embed.status).toBe(501);
    expect(await embed.json()).toMatchObject({ error: { code: 501, status: 'UNIMPLEMENTED' } });
  });

  it('keeps the OpenAI surface OpenAI-shaped: /v1/models lists variants, models/ prefix accepted, unknown → 404', async () => {
    const auth = { authorization: `Bearer ${stack.password}` };
    const list = (await (await fetch(`${stack.url}/v1/models`, { headers: auth })).json()) as {
      object: string;
      data: { id: string }[];
    };
    expect(list.object).toBe('list');
    expect(list.data.map((model) => model.id)).toEqual(
      expect.arrayContaining([
        'gemini-2.5-flash',
        'gemini-2.5-flash-search',
        'gemini-3-pro-preview-search-maxthinking',
      ]),
    );
    const chat = (body: unknown) =>
      fetch(`${stack.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const ok = await chat({
      model: 'models/gemini-2.5-flash',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(ok.status).toBe(200);
    const missing = await chat({
      model: 'gemini-2.5-flashh',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(missing.status).toBe(404);
    const error = ((await missing.json()) as { error: { code: string; message: string } }).error;
    expect(error.code).toBe('model_not_found');
    expect(error.message).toMatch(/Did you mean: gemini-2\.5-flash/);
  });
});

describe('upstream rate limits on the native Gemini surface', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());
  const post = (target: Stack, path: string, body: unknown) =>
    fetch(`${target.url}${path}`, {
      method: 'POST',
      headers: { 'x-goog-api-key': target.password, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const hello = { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] };

  it('passes an upstream 429 through with its status, message and details', async () => {
    stack.emulator.script({
      kind: 'rate-limit',
      retryDelaySeconds: 12,
      times: Infinity,
      match: { method: 'generateContent' },
    });
    try {
      const response = await post(stack, '/v1beta/models/gemini-2.5-flash:generateContent', hello);
      expect(response.status).toBe(429);
      const body = (await response.json()) as {
        error: { status: string; message: string; details: { '@type'?: string }[] };
      };
      expect(body.error.status).toBe('RESOURCE_EXHAUSTED');
      expect(body.error.message).toContain('Your quota will reset after 12s');
      expect(body.error.details.some((detail) => detail['@type']?.endsWith('RetryInfo'))).toBe(
        true,
      );
    } finally {
      stack.emulator.clearScript();
    }
  });
});
