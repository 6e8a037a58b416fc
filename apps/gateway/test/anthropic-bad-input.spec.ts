import { gzipSync } from 'node:zlib';
import { postJson, startStack, type Stack } from './support/start-stack';

const OK = {
  model: 'gemini-2.5-flash',
  max_tokens: 100,
  messages: [{ role: 'user', content: 'hi' }],
};

describe('bad input on /v1/messages: a 4xx in Anthropic’s shape, never a 500', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { REQUEST_BODY_LIMIT: '200kb' } });
  });
  afterAll(() => stack.close());

  const send = async (
    body: unknown,
    headers: Record<string, string> = {},
    path = '/v1/messages',
  ) => {
    const response = await postJson(stack, path, body, {
      authorization: '',
      'x-api-key': stack.password,
      ...headers,
    });
    return {
      status: response.status,
      body: (await response.json()) as { type: string; error: { type: string; message: string } },
    };
  };
  const invalid = (message: RegExp) => ({
    status: 400,
    body: {
      type: 'error',
      error: { type: 'invalid_request_error', message: expect.stringMatching(message) },
    },
  });

  it.each([
    ['missing max_tokens', { ...OK, max_tokens: undefined }, /^max_tokens: /],
    ['no messages', { ...OK, messages: [] }, /^messages: /],
    [
      'a block type that does not exist',
      { ...OK, messages: [{ role: 'user', content: [{ type: 'video', url: 'x' }] }] },
      /^messages\.0\.content\.0\.type: /,
    ],
    [
      'a tool_use in a user message',
      {
        ...OK,
        messages: [
          { role: 'user', content: [{ type: 'tool_use', id: 't', name: 'x', input: {} }] },
        ],
      },
      /^messages\.0\.content\.0\.type: .*not allowed in user messages/,
    ],
    [
      'a tool_result without its tool_use',
      {
        ...OK,
        messages: [
          {
            role: 'user',
            content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'x' }],
          },
        ],
      },
      /unexpected `tool_use_id`.*toolu_1/,
    ],
    ['temperature above 1', { ...OK, temperature: 1.5 }, /^temperature: /],
    ['a body that is not an object', [1, 2], /JSON object/],
  ])('%s → 400 invalid_request_error', async (_name, body, message) => {
    expect(await send(body)).toEqual(invalid(message));
  });

  it('a body that is not JSON → 400, also on count_tokens', async () => {
    expect(await send('{"model":', {}, '/v1/messages/count_tokens')).toEqual(
      invalid(/not valid JSON/),
    );
  });

  it('a body over REQUEST_BODY_LIMIT → 413 request_too_large (plain and gzip)', async () => {
    const huge = { ...OK, messages: [{ role: 'user', content: 'x'.repeat(300_000) }] };
    const plain = await send(huge);
    expect(plain).toEqual({
      status: 413,
      body: { type: 'error', error: { type: 'request_too_large', message: expect.any(String) } },
    });
    const zipped = await send(gzipSync(JSON.stringify(huge)), { 'content-encoding': 'gzip' });
    expect(zipped.status).toBe(413);
    expect(zipped.body.error.type).toBe('request_too_large');
  });

  it('an image URL on a private network is refused by the media fetcher → 400', async () => {
    const image = { type: 'image', source: { type: 'url', url: 'http://127.0.0.1:9/cat.png' } };
    expect(await send({ ...OK, messages: [{ role: 'user', content: [image] }] })).toEqual(
      invalid(/Refusing to fetch the image URL/),
    );
  });

  it('a gzip body takes the express path and is answered the same', async () => {
    const zipped = await postJson(stack, '/v1/messages', gzipSync(JSON.stringify(OK)), {
      authorization: '',
      'x-api-key': stack.password,
      'content-encoding': 'gzip',
    });
    expect(zipped.status).toBe(200);
    expect(await zipped.json()).toMatchObject({
      type: 'message',
      content: [{ type: 'text', text: 'Echo: hi' }],
    });
    const bad = await send(gzipSync(JSON.stringify({ ...OK, max_tokens: 0 })), {
      'content-encoding': 'gzip',
    });
    expect(bad).toEqual(invalid(/^max_tokens: /));
  });

  it('deeply nested tool input and schema → a 4xx, never a 500', async () => {
    // Built as text: JSON.stringify itself overflows the stack on it.
    const deep = `${'{"a":'.repeat(8_000)}{}${'}'.repeat(8_000)}`;
    const result = await send(
      `{"model":"gemini-2.5-flash","max_tokens":100,` +
        `"tools":[{"name":"deep","input_schema":{"type":"object","properties":{"a":${deep}}}}],` +
        `"messages":[{"role":"user","content":"go"},` +
        `{"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"deep","input":{"a":${deep}}}]},` +
        `{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"ok"}]}]}`,
    );
    expect(result.status).toBeGreaterThanOrEqual(400);
    expect(result.status).toBeLessThan(500);
    expect(result.body).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
  });

  it('no key → 401 authentication_error; the key works as x-api-key, Bearer and on the OpenAI and Gemini surfaces', async () => {
    const anonymous = await send(OK, { 'x-api-key': '' });
    expect(anonymous).toEqual({
      status: 401,
      body: {
        type: 'error',
        error: { type: 'authentication_error', message: expect.stringMatching(/x-api-key/) },
      },
    });
    expect((await send(OK)).status).toBe(200);
    expect(
      (await send(OK, { 'x-api-key': '', authorization: `Bearer ${stack.password}` })).status,
    ).toBe(200);
    const models = await fetch(`${stack.url}/v1/models`, {
      headers: { 'x-api-key': stack.password },
    });
    expect(models.status).toBe(200);
    const native = await fetch(`${stack.url}/v1beta/models`, {
      headers: { 'x-api-key': stack.password },
    });
    expect(native.status).toBe(200);
  });
});
