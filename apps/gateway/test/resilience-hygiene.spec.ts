import { gzipSync } from 'node:zlib';
import { accessLines } from './support/resilience-helpers';
import { postJson, startStack, type Stack } from './support/start-stack';

describe('request hygiene: body limit, bad JSON, unknown routes, CORS, request ids', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      env: { REQUEST_BODY_LIMIT: '64kb', CORS_ORIGINS: 'https://app.example' },
    });
  });
  afterAll(async () => {
    await stack.close();
  });

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    postJson(stack, '/v1/chat/completions', body, headers);

  it('answers 413 in the OpenAI shape for a body over REQUEST_BODY_LIMIT', async () => {
    const big = JSON.stringify({
      model: 'gemini-2.5-flash',
      messages: [{ role: 'user', content: 'x'.repeat(70_000) }],
    });
    const response = await post(big);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: unknown }).error).toMatchObject({
      type: 'invalid_request_error',
      message: expect.stringContaining('REQUEST_BODY_LIMIT'),
    });
  });

  it('accepts an image-sized body under the default limit (50mb)', async () => {
    const roomy = await startStack();
    try {
      const image = Buffer.alloc(3 * 1024 * 1024, 7).toString('base64'); // a 3 MB image, 4 MB base64
      const response = await fetch(`${roomy.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${roomy.password}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'gemini-2.5-flash',
          messages: [
            {
              role: 'user',
              content: [
                { type: 'text', text: 'what is this' },
                { type: 'image_url', image_url: { url: `data:image/png;base64,${image}` } },
              ],
            },
          ],
        }),
      });
      expect(response.status).toBe(200);
    } finally {
      await roomy.close();
    }
  });

  it('answers 400 for malformed JSON', async () => {
    const response = await post('{"model": "gemini-2.5-flash", "messages": [');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: unknown }).error).toMatchObject({
      type: 'invalid_request_error',
      code: 'invalid_json',
    });
  });

  it('answers 400 saying to send JSON when the body is not sent as JSON, as curl -d does', async () => {
    const chat = JSON.stringify({
      model: 'gemini-2.5-flash',
      messages: [{ role: 'user', content: 'hi' }],
    });
    for (const contentType of ['application/x-www-form-urlencoded', 'text/plain']) {
      const response = await post(chat, { 'content-type': contentType });
      expect(response.status).toBe(400);
      const { error } = (await response.json()) as { error: { type: string; message: string } };
      expect(error.type).toBe('invalid_request_error');
      expect(error.message).toBe(
        'Invalid request: no JSON body. Send a JSON object with Content-Type: application/json.',
      );
    }
    const array = await post(`[${chat}]`);
    expect(array.status).toBe(400);
    expect(((await array.json()) as { error: { message: string } }).error.message).toBe(
      'Invalid request: the body must be a JSON object.',
    );
  });

  it('answers 415 naming the Content-Encoding or charset it cannot read', async () => {
    const chat = JSON.stringify({
      model: 'gemini-2.5-flash',
      messages: [{ role: 'user', content: 'hi' }],
    });
    const zstd = await post(chat, { 'content-encoding': 'zstd' });
    expect(zstd.status).toBe(415);
    expect(((await zstd.json()) as { error: unknown }).error).toMatchObject({
      type: 'invalid_request_error',
      code: 'unsupported_media_type',
      message:
        'Unsupported Content-Encoding "zstd": send the body uncompressed, or as gzip, deflate or br.',
    });
    const latin1 = await post(chat, { 'content-type': 'application/json; charset=latin1' });
    expect(latin1.status).toBe(415);
    expect(((await latin1.json()) as { error: { message: string } }).error.message).toBe(
      'Unsupported charset "LATIN1": send the JSON body as UTF-8.',
    );
  });

  it('answers 400 naming the offending path for a schema violation', async () => {
    const response = await post(
      JSON.stringify({
        model: 'gemini-2.5-flash',
        messages: [{ role: 'user', content: 'hi' }],
        temperature: 'hot',
      }),
    );
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { param: string; message: string } };
    expect(error.param).toBe('temperature');
    expect(error.message).toContain('temperature');
  });

  it('answers 404 in the OpenAI shape for an unknown route', async () => {
    const response = await fetch(`${stack.url}/v1/nothing-here`, {
      headers: { authorization: `Bearer ${stack.password}` },
    });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: unknown }).error).toMatchObject({
      type: 'invalid_request_error',
      code: 'not_found',
      message: expect.stringContaining('This gateway serves POST /v1/chat/completions'),
    });
  });

  it('tells a client whose base URL lacks /v1 which path it meant', async () => {
    const response = await postJson(stack, '/chat/completions', {
      model: 'gemini-2.5-flash',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe(
      "Unknown route POST /chat/completions. Did you mean /v1/chat/completions? Set the client's base URL to end in /v1.",
    );
  });

  it('answers a CORS preflight without credentials, for allowed origins only', async () => {
    const preflight = (origin: string) =>
      fetch(`${stack.url}/v1/chat/completions`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
    const allowed = await preflight('https://app.example');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('sends CORS headers to browsers only, and tells caches the answer varies by origin', async () => {
    const models = (headers: Record<string, string>) =>
      fetch(`${stack.url}/v1/models`, {
        headers: { authorization: `Bearer ${stack.password}`, ...headers },
      });
    const browser = await models({ origin: 'https://app.example' });
    expect(browser.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(browser.headers.get('vary')).toContain('Origin');
    const sdk = await models({});
    expect(sdk.status).toBe(200);
    expect(sdk.headers.get('access-control-allow-origin')).toBeNull();
    expect(sdk.headers.get('access-control-expose-headers')).toBeNull();
    expect(sdk.headers.get('vary')).toContain('Origin');
  });

  it('exposes the request id to browsers and echoes a sane inbound X-Request-Id', async () => {
    const response = await fetch(`${stack.url}/v1/models`, {
      headers: {
        authorization: `Bearer ${stack.password}`,
        origin: 'https://app.example',
        'x-request-id': 'trace-123',
      },
    });
    expect(response.headers.get('x-request-id')).toBe('trace-123');
    expect(response.headers.get('access-control-expose-headers')).toContain('x-request-id');
    const replaced = await fetch(`${stack.url}/v1/models`, {
      headers: { authorization: `Bearer ${stack.password}`, 'x-request-id': 'bad id with spaces' },
    });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('writes one access-log line per request with id, route, model, account, status and tokens', async () => {
    const response = await post(
      JSON.stringify({
        model: 'gemini-2.5-flash',
        messages: [{ role: 'user', content: 'count me' }],
      }),
      {
        'x-request-id': 'access-log-1',
      },
    );
    expect(response.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const lines = accessLines(stack).filter((line) => line['requestId'] === 'access-log-1');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      method: 'POST',
      route: '/v1/chat/completions',
      model: 'gemini-2.5-flash',
      account: expect.any(String),
      status: 200,
      stream: false,
      durationMs: expect.any(Number),
      promptTokens: expect.any(Number),
      completionTokens: expect.any(Number),
    });
    expect(JSON.stringify(lines[0])).not.toMatch(/emu-at-|demo-refresh-token/);
  });

  // Model calls with a plain JSON body take the gateway's hot path; anything else still goes
  // through express. Both must answer alike.
  const chat = JSON.stringify({
    model: 'gemini-2.5-flash',
    messages: [{ role: 'user', content: 'squeezed' }],
  });

  it('serves a gzip-compressed chat body (the express path) like a plain one', async () => {
    const plain = await post(chat);
    const compressed = await post(gzipSync(chat), {
      'content-encoding': 'gzip',
    });
    expect(compressed.status).toBe(200);
    const text = (body: unknown) =>
      (body as { choices: { message: { content: string } }[] }).choices[0]?.message.content;
    expect(text(await compressed.json())).toBe(text(await plain.json()));
  });

  it('answers 401, not 400, to a malformed body without the password, on both paths', async () => {
    for (const headers of [
      { 'content-type': 'application/json' } as Record<string, string>,
      { 'content-type': 'application/json; charset=utf-8', 'content-encoding': 'identity' },
      { 'content-type': 'application/vnd.api+json' },
    ]) {
      const response = await fetch(`${stack.url}/v1/chat/completions`, {
        method: 'POST',
        headers,
        body: '{"messages": [',
      });
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: unknown }).error).toMatchObject({
        type: 'authentication_error',
      });
    }
  });

  it('answers the Gemini shape on the hot path: 400 for malformed JSON, 413 over the limit', async () => {
    const native = (body: string) =>
      fetch(`${stack.url}/v1beta/models/gemini-2.5-flash:generateContent`, {
        method: 'POST',
        headers: { 'x-goog-api-key': stack.password, 'content-type': 'application/json' },
        body,
      });
    const malformed = await native('{"contents": [');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({
      error: { code: 400, status: 'INVALID_ARGUMENT' },
    });
    const big = await native(
      JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'x'.repeat(70_000) }] }] }),
    );
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ error: { code: 413 } });
  });
});
