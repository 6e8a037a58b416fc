import type { ScriptedFault } from '@geminicli2api/emulator';
import { FAST_RETRIES } from './support/resilience-helpers';
import { postJson, startStack, type Stack } from './support/start-stack';

const HELLO = { contents: [{ role: 'user', parts: [{ text: 'hello' }] }] };
const MODEL = '/v1beta/models/gemini-2.5-flash';

describe('a 2xx Google answer the gateway cannot use is a 502, never an empty success (issue 22 item 7, every surface)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: FAST_RETRIES });
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.emulator.clearScript());

  const answer = async (fault: ScriptedFault, path: string) => {
    stack.emulator.script(fault);
    const response = await postJson(stack, path, HELLO);
    const text = await response.text();
    return { status: response.status, text };
  };
  const message = (text: string) =>
    (JSON.parse(text) as { error: { code: number; message: string } }).error;

  it('an HTML 200 on an alt=sse stream: 502 naming the bad answer, not an empty 200 SSE', async () => {
    const result = await answer(
      {
        kind: 'raw',
        body: '<html><body>Proxy login</body></html>',
        match: { method: 'streamGenerateContent' },
      },
      `${MODEL}:streamGenerateContent?alt=sse`,
    );
    expect(result.status).toBe(502);
    expect(message(result.text)).toMatchObject({
      code: 502,
      message: expect.stringMatching(/Code Assist answered HTTP 200 without any stream event/),
    });
    expect(message(result.text).message).toMatch(/<html>/);
  });

  it('an empty 200 on a JSON-array stream: 502, not []', async () => {
    const result = await answer(
      {
        kind: 'raw',
        body: '',
        contentType: 'text/event-stream',
        match: { method: 'streamGenerateContent' },
      },
      `${MODEL}:streamGenerateContent`,
    );
    expect(result.status).toBe(502);
    expect(result.text).not.toBe('[]');
    expect(message(result.text).message).toMatch(/an empty body/);
  });

  it('countTokens with a wrong-shaped 2xx: 502, not {"totalTokens":0}', async () => {
    for (const body of ['{"totalTokens":"many"}', '["not","an","object"]', '<html></html>']) {
      const result = await answer(
        {
          kind: 'raw',
          body,
          contentType: 'application/json',
          match: { method: 'countTokens' },
        },
        `${MODEL}:countTokens`,
      );
      expect(result.status).toBe(502);
      expect(result.text).not.toContain('totalTokens');
      expect(message(result.text).message).toMatch(/Code Assist/);
    }
  });

  it.each([
    [
      '/v1/chat/completions',
      { model: 'gemini-2.5-flash', stream: true, messages: [{ role: 'user', content: 'hi' }] },
    ],
    [
      '/v1/messages',
      {
        model: 'gemini-2.5-flash',
        max_tokens: 64,
        stream: true,
        messages: [{ role: 'user', content: 'hi' }],
      },
    ],
    ['/v1/responses', { model: 'gemini-2.5-flash', stream: true, store: false, input: 'hi' }],
  ])(
    '%s streamed: an HTML or empty 200 is a 502 naming it, not an empty stream',
    async (path, body) => {
      for (const [raw, named] of [
        ['<html><body>Proxy login</body></html>', /not a stream \(they begin "<html>/],
        ['', /an empty body/],
      ] as const) {
        stack.emulator.clearScript();
        stack.emulator.script({
          kind: 'raw',
          body: raw,
          contentType: 'text/event-stream',
          match: { method: 'streamGenerateContent' },
        });
        const response = await postJson(stack, path, body);
        expect(response.status).toBe(502);
        const { error } = (await response.json()) as { error: { message: string } };
        expect(error.message).toMatch(/Code Assist answered HTTP 200 without any stream event/);
        expect(error.message).toMatch(named);
      }
    },
  );

  it('countTokens still answers a real count', async () => {
    const response = await postJson(stack, `${MODEL}:countTokens`, HELLO);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { totalTokens: number }).totalTokens).toBeGreaterThan(0);
  });
});
