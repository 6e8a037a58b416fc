import {
  generateBody,
  getAccessToken,
  parseSseBody,
  postJson,
} from './__fixtures__/emulator-client';
import { DEMO_ACCOUNT } from './emulator-account';
import type { Emulator } from './emulator-options';
import type { Responder } from './responder';
import { startEmulator } from './start-emulator';
import { nextMidnightUtc } from './retrieve-user-quota';

interface Envelope {
  response: {
    candidates?: {
      content?: { parts: Record<string, unknown>[] };
      finishReason?: string;
      index?: number;
    }[];
    usageMetadata?: Record<string, number | string>;
    promptFeedback?: unknown;
    modelVersion?: string;
  };
  traceId: string;
}

const textOf = (events: Envelope[]) =>
  events
    .flatMap((event) => event.response.candidates?.[0]?.content?.parts ?? [])
    .filter((part) => part.thought !== true)
    .map((part) => part.text ?? '')
    .join('');

describe('generate endpoints', () => {
  let emulator: Emulator;
  let token: string;
  let responder: Responder | undefined;
  beforeAll(async () => {
    emulator = await startEmulator({
      accounts: [
        DEMO_ACCOUNT,
        { refreshToken: 'exhausted', quotaExhausted: true },
        {
          refreshToken: 'pro-exhausted',
          quota: {
            'gemini-2.5-pro': {
              remainingFraction: 0,
              resetTime: new Date(Date.now() + 3_600_000).toISOString(),
            },
          },
        },
        { refreshToken: 'banned', forbidden: 'TOS_DISABLED' },
        { refreshToken: 'disabled', forbidden: 'SERVICE_DISABLED', project: 'proj-x' },
      ],
      respond: (request, context) => responder?.(request, context),
    });
    token = await getAccessToken(emulator);
  });
  afterEach(() => {
    responder = undefined;
  });
  afterAll(() => emulator.close());

  it('answers generateContent with the Code Assist envelope', async () => {
    const response = await postJson(
      emulator,
      '/v1internal:generateContent',
      generateBody({ text: 'hello world' }),
      { token },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=UTF-8');
    const body = (await response.json()) as Envelope;
    expect(body).toEqual({
      response: {
        candidates: [
          {
            content: { role: 'model', parts: [{ text: 'Echo: hello world' }] },
            finishReason: 'STOP',
            index: 0,
          },
        ],
        usageMetadata: {
          promptTokenCount: 3,
          candidatesTokenCount: 5,
          totalTokenCount: 8,
          trafficType: 'ON_DEMAND',
        },
        modelVersion: 'gemini-2.5-flash',
        createTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/),
        responseId: expect.any(String),
      },
      traceId: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
  });

  describe('SSE framing (alt=sse)', () => {
    it('streams CRLF-separated data events with no [DONE], finishReason and full usage last', async () => {
      const body = generateBody({
        model: 'gemini-2.5-pro',
        text: 'one two three four five six seven eight',
        request: {
          generationConfig: { thinkingConfig: { includeThoughts: true, thinkingBudget: 1024 } },
        },
      });
      const response = await postJson(emulator, '/v1internal:streamGenerateContent?alt=sse', body, {
        token,
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/event-stream');
      const raw = await response.text();
      expect(raw.endsWith('\r\n\r\n')).toBe(true);
      expect(raw).not.toContain('[DONE]');
      const blocks = raw.split('\r\n\r\n').slice(0, -1);
      expect(blocks.every((block) => /^data: \{.*\}$/.test(block) && !block.includes('\n'))).toBe(
        true,
      );
      const events = parseSseBody(raw) as Envelope[];
      expect(events.length).toBe(4);
      expect(events[0]?.response.candidates?.[0]?.content?.parts).toEqual([
        { text: '**Thinking**\n\nConsidering the request.', thought: true },
      ]);
      expect(textOf(events)).toBe('Echo: one two three four five six seven eight');
      const finishes = events.map((event) => event.response.candidates?.[0]?.finishReason);
      expect(finishes).toEqual([undefined, undefined, undefined, 'STOP']);
      expect(
        events
          .slice(0, -1)
          .every((event) => event.response.usageMetadata?.candidatesTokenCount === undefined),
      ).toBe(true);
      const usage = events.at(-1)?.response.usageMetadata ?? {};
      expect(usage).toMatchObject({
        promptTokenCount: 10,
        candidatesTokenCount: 12,
        thoughtsTokenCount: 10,
      });
      expect(usage.totalTokenCount).toBe(32);
      expect(new Set(events.map((event) => event.traceId)).size).toBe(1);
    });

    it('accepts $alt=sse', async () => {
      const response = await postJson(
        emulator,
        '/v1internal:streamGenerateContent?$alt=sse',
        generateBody(),
        { token },
      );
      expect(response.headers.get('content-type')).toBe('text/event-stream');
      expect(textOf(parseSseBody(await response.text()) as Envelope[])).toBe('Echo: hello world');
    });

    it('ends a Gemini 3 text stream with an empty signed part', async () => {
      const response = await postJson(
        emulator,
        '/v1internal:streamGenerateContent?alt=sse',
        generateBody({ model: 'gemini-3-pro-preview' }),
        { token },
      );
      const events = parseSseBody(await response.text()) as Envelope[];
      expect(events.at(-1)?.response.candidates?.[0]).toEqual({
        content: { role: 'model', parts: [{ text: '', thoughtSignature: expect.any(String) }] },
        finishReason: 'STOP',
        index: 0,
      });
    });

    it('streams a signed function call whole in one event', async () => {
      const body = generateBody({
        model: 'gemini-3-flash-preview',
        text: 'please run list_directory',
        request: {
          tools: [
            {
              functionDeclarations: [
                {
                  name: 'list_directory',
                  parametersJsonSchema: {
                    type: 'object',
                    properties: { dir_path: { type: 'string' } },
                    required: ['dir_path'],
                  },
                },
              ],
            },
          ],
        },
      });
      const events = parseSseBody(
        await (
          await postJson(emulator, '/v1internal:streamGenerateContent?alt=sse', body, { token })
        ).text(),
      ) as Envelope[];
      expect(events).toHaveLength(1);
      expect(events[0]?.response.candidates?.[0]?.content?.parts).toEqual([
        {
          functionCall: { name: 'list_directory', args: { dir_path: 'example' } },
          thoughtSignature: expect.any(String),
        },
      ]);
      expect(events[0]?.response.candidates?.[0]?.finishReason).toBe('STOP');
    });
  });

  it('streams a JSON array without alt=sse', async () => {
    const response = await postJson(
      emulator,
      '/v1internal:streamGenerateContent',
      generateBody({ text: 'a b c d e f' }),
      { token },
    );
    expect(response.headers.get('content-type')).toBe('application/json; charset=UTF-8');
    const raw = await response.text();
    expect(raw.startsWith('[{')).toBe(true);
    expect(raw.endsWith('}]')).toBe(true);
    expect(raw.split(',\r\n{').length).toBe(3);
    const events = JSON.parse(raw) as Envelope[];
    expect(textOf(events)).toBe('Echo: a b c d e f');
    expect(events.at(-1)?.response.candidates?.[0]?.finishReason).toBe('STOP');
  });

  it('answers validation failures as Google 400s, array-wrapped on streams', async () => {
    const bad = generateBody({ request: { generationConfig: { temperature: 3 } } });
    const unary = await postJson(emulator, '/v1internal:generateContent', bad, { token });
    expect(unary.status).toBe(400);
    expect(await unary.json()).toEqual({
      error: {
        code: 400,
        message: expect.stringContaining('temperature value of 3'),
        status: 'INVALID_ARGUMENT',
      },
    });
    const stream = await postJson(emulator, '/v1internal:streamGenerateContent?alt=sse', bad, {
      token,
    });
    expect(stream.status).toBe(400);
    expect(await stream.json()).toEqual([
      {
        error: {
          code: 400,
          message: expect.stringContaining('temperature value of 3'),
          status: 'INVALID_ARGUMENT',
        },
      },
    ]);
  });

  it('answers an unknown model with 404 NOT_FOUND', async () => {
    const response = await postJson(
      emulator,
      '/v1internal:generateContent',
      generateBody({ model: 'gemini-9-ultra' }),
      { token },
    );
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: 404, message: 'Requested entity was not found.', status: 'NOT_FOUND' },
    });
  });

  it('lets a responder return a blocked prompt', async () => {
    responder = () => ({
      candidates: [],
      promptFeedback: { blockReason: 'PROHIBITED_CONTENT' },
      usageMetadata: { promptTokenCount: 3, totalTokenCount: 3 },
    });
    const body = (await (
      await postJson(emulator, '/v1internal:generateContent', generateBody(), { token })
    ).json()) as Envelope;
    expect(body.response).toMatchObject({
      candidates: [],
      promptFeedback: { blockReason: 'PROHIBITED_CONTENT' },
      usageMetadata: { promptTokenCount: 3, totalTokenCount: 3 },
    });
  });

  it('lets a responder return an image part and sees the call context', async () => {
    const seen: unknown[] = [];
    responder = (request, context) => {
      seen.push({
        model: context.model,
        account: context.account.refreshToken,
        stream: context.stream,
        first: request.contents[0]?.parts[0],
      });
      return {
        parts: [{ text: 'Here:' }, { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } }],
      };
    };
    const events = parseSseBody(
      await (
        await postJson(emulator, '/v1internal:streamGenerateContent?alt=sse', generateBody(), {
          token,
        })
      ).text(),
    ) as Envelope[];
    expect(events.map((event) => event.response.candidates?.[0]?.content?.parts)).toEqual([
      [{ text: 'Here:' }],
      [{ inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } }],
    ]);
    expect(events.at(-1)?.response.candidates?.[0]?.finishReason).toBe('STOP');
    expect(seen).toEqual([
      {
        model: 'gemini-2.5-flash',
        account: 'demo-refresh-token',
        stream: true,
        first: { text: 'hello world' },
      },
    ]);
  });

  it('falls back to the fake model when the responder returns undefined', async () => {
    responder = () => undefined;
    const body = (await (
      await postJson(emulator, '/v1internal:generateContent', generateBody({ text: 'x' }), {
        token,
      })
    ).json()) as Envelope;
    expect(body.response.candidates?.[0]?.content?.parts).toEqual([{ text: 'Echo: x' }]);
  });

  it('answers 500 when the responder throws', async () => {
    responder = () => {
      throw new Error('boom');
    };
    const response = await postJson(emulator, '/v1internal:generateContent', generateBody(), {
      token,
    });
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({
      error: { code: 500, message: 'Internal error encountered.', status: 'INTERNAL' },
    });
  });

  describe('account states', () => {
    it('answers 429 QUOTA_EXHAUSTED with a long RetryInfo when quotaExhausted', async () => {
      const exhausted = await getAccessToken(emulator, 'exhausted');
      const response = await postJson(emulator, '/v1internal:generateContent', generateBody(), {
        token: exhausted,
      });
      expect(response.status).toBe(429);
      const body = (await response.json()) as {
        error: { status: string; details: Record<string, unknown>[] };
      };
      expect(body.error.status).toBe('RESOURCE_EXHAUSTED');
      expect(body.error.details[0]).toMatchObject({
        reason: 'QUOTA_EXHAUSTED',
        domain: 'cloudcode-pa.googleapis.com',
        metadata: { model: 'gemini-2.5-flash' },
      });
      // Until the daily reset (next midnight UTC): long, except in the minutes before midnight.
      const delay = Number(String(body.error.details[1]?.retryDelay).replace('s', ''));
      const untilReset = (Date.parse(nextMidnightUtc()) - Date.now()) / 1000;
      expect(Math.abs(delay - untilReset)).toBeLessThan(5);
    });

    it('limits a per-model exhausted quota to that model', async () => {
      const limited = await getAccessToken(emulator, 'pro-exhausted');
      const pro = await postJson(
        emulator,
        '/v1internal:generateContent',
        generateBody({ model: 'gemini-2.5-pro' }),
        { token: limited },
      );
      expect(pro.status).toBe(429);
      const delay = Number(
        String(
          ((await pro.json()) as { error: { details: { retryDelay?: string }[] } }).error.details[1]
            ?.retryDelay,
        ).replace('s', ''),
      );
      expect(delay).toBeGreaterThan(3500);
      expect(delay).toBeLessThanOrEqual(3600);
      const flash = await postJson(
        emulator,
        '/v1internal:generateContent',
        generateBody({ model: 'gemini-2.5-flash' }),
        { token: limited },
      );
      expect(flash.status).toBe(200);
    });

    it.each([
      ['banned', '/v1internal:generateContent', 'violation of Terms of Service'],
      ['disabled', '/v1internal:loadCodeAssist', 'has not been used in project proj-x'],
    ])('refuses every call of the %s account with 403', async (account, path, message) => {
      const accountToken = await getAccessToken(emulator, account);
      const response = await postJson(emulator, path, generateBody(), { token: accountToken });
      expect(response.status).toBe(403);
      const body = (await response.json()) as { error: { status: string; message: string } };
      expect(body.error.status).toBe('PERMISSION_DENIED');
      expect(body.error.message).toContain(message);
    });
  });

  describe('countTokens', () => {
    it('counts the contents of a models/-prefixed request', async () => {
      const response = await postJson(
        emulator,
        '/v1internal:countTokens',
        {
          request: {
            model: 'models/gemini-2.5-flash',
            contents: [
              {
                role: 'user',
                parts: [
                  { text: 'hello world!' },
                  { inlineData: { mimeType: 'image/png', data: 'AA==' } },
                ],
              },
            ],
          },
        },
        { token },
      );
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ totalTokens: 3 + 258 });
    });

    it.each<[string, unknown, number, string]>([
      [
        'empty contents',
        { request: { model: 'models/gemini-2.5-flash', contents: [] } },
        400,
        'contents is not specified',
      ],
      [
        'a bad role',
        {
          request: {
            model: 'models/gemini-2.5-flash',
            contents: [{ role: 'assistant', parts: [{ text: 'x' }] }],
          },
        },
        400,
        'Please use a valid role',
      ],
      [
        'an unknown model',
        {
          request: {
            model: 'models/gemini-0',
            contents: [{ role: 'user', parts: [{ text: 'x' }] }],
          },
        },
        404,
        'Requested entity was not found.',
      ],
      [
        'no request wrapper',
        { model: 'models/gemini-2.5-flash', contents: [] },
        400,
        '"request" is required',
      ],
    ])('rejects %s', async (_name, body, status, message) => {
      const response = await postJson(emulator, '/v1internal:countTokens', body, { token });
      expect(response.status).toBe(status);
      expect(((await response.json()) as { error: { message: string } }).error.message).toContain(
        message,
      );
    });
  });
});
