import { chat, FAST_RETRIES } from './support/resilience-helpers';
import { postJson, startStack, type Stack } from './support/start-stack';

const NATIVE = '/v1beta/models/gemini-2.5-flash:generateContent';
const GENERATE = { method: 'generateContent' } as const;
const HELLO = { contents: [{ role: 'user', parts: [{ text: 'hello' }] }] };

/** POSTs to the native surface and returns status, headers and the parsed body. */
async function native(stack: Stack, path = NATIVE) {
  const response = await postJson(stack, path, HELLO);
  return { status: response.status, headers: response.headers, text: await response.text() };
}

describe('upstream statuses the gateway does not expect (issue 22 item 10)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { ...FAST_RETRIES, UPSTREAM_MAX_ATTEMPTS: '2' } });
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.emulator.clearScript());

  it('a 302 without Location is a 502 naming HTTP 302 on the native surface, not a relayed redirect', async () => {
    stack.emulator.script({ kind: 'status', status: 302, times: Infinity, match: GENERATE });
    const answer = await native(stack);
    expect(answer.status).toBe(502);
    expect(answer.headers.get('location')).toBeNull();
    const body = JSON.parse(answer.text) as { error: { code: number; message: string } };
    expect(body.error.code).toBe(502);
    expect(body.error.message).toMatch(/Code Assist answered HTTP 302/);
  });

  it('a 302 is a 502 server_error on the OpenAI surface, not a 500 invalid_request_error', async () => {
    stack.emulator.script({ kind: 'status', status: 302, times: Infinity, match: GENERATE });
    const answer = await chat(stack);
    expect(answer.status).toBe(502);
    const body = JSON.parse(answer.text) as { error: { type: string; message: string } };
    expect(body.error.type).toBe('server_error');
    expect(body.error.message).toMatch(/HTTP 302/);
  });

  it("an upstream 502 (after retries) is the gateway's 502 naming the upstream status, on both surfaces", async () => {
    stack.emulator.script({ kind: 'server-error', status: 502, times: Infinity, match: GENERATE });
    const openai = await chat(stack);
    expect(openai.status).toBe(502);
    expect(JSON.parse(openai.text).error.message).toMatch(/Code Assist answered HTTP 502/);
    const gemini = await native(stack);
    expect(gemini.status).toBe(502);
    expect(JSON.parse(gemini.text).error.message).toMatch(/Code Assist answered HTTP 502/);
  });

  it('a 418 is a 502 too, never relayed as the client status', async () => {
    stack.emulator.script({ kind: 'status', status: 418, times: Infinity, match: GENERATE });
    expect((await chat(stack)).status).toBe(502);
    expect((await native(stack)).status).toBe(502);
  });
});

describe("Google rejecting the gateway's own credentials (issue 22 item 6)", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: FAST_RETRIES });
  });
  afterAll(() => stack.close());

  it('is a 503 "Google rejected the gateway\'s credentials" on the OpenAI surface, never a 401', async () => {
    stack.emulator.script({ kind: 'status', status: 401, times: 2, match: GENERATE });
    const answer = await chat(stack);
    expect(answer.status).toBe(503);
    const body = JSON.parse(answer.text) as { error: { message: string; code: string | null } };
    expect(body.error.message).toMatch(/Google rejected the gateway's credentials/);
    expect(body.error.code).not.toBe('invalid_api_key');
  });

  it('is the same 503 on the native surface', async () => {
    stack.emulator.script({ kind: 'status', status: 401, times: 2, match: GENERATE });
    const answer = await native(stack);
    expect(answer.status).toBe(503);
    expect(JSON.parse(answer.text).error.message).toMatch(
      /Google rejected the gateway's credentials/,
    );
  });
});

describe('huge upstream error messages (issue 22 item 12)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: FAST_RETRIES });
  });
  afterAll(() => stack.close());

  const huge = (status: number) => ({
    error: { code: status, status: 'INVALID_ARGUMENT', message: `bad ${'x'.repeat(5_000_000)}` },
  });

  it('cuts a 5 MB message to 2 000 characters in the answer and the log, on both surfaces', async () => {
    const before = stack.logs().length;
    stack.emulator.script({
      kind: 'status',
      status: 400,
      body: huge(400),
      times: 2,
      match: GENERATE,
    });
    const openai = await chat(stack);
    expect(openai.status).toBe(400);
    const message = JSON.parse(openai.text).error.message as string;
    expect(message.startsWith('bad xxx')).toBe(true);
    expect(message.length).toBeLessThanOrEqual(2_100);
    expect(message).toMatch(/\(cut: the upstream message had 5000004 characters\)$/);
    const gemini = await native(stack);
    expect(gemini.status).toBe(400);
    expect(gemini.text.length).toBeLessThan(5_000);
    expect(stack.logs().length - before).toBeLessThan(20_000);
  });
});

describe('a connection closed before any byte (issue 22 item 16)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { ...FAST_RETRIES, UPSTREAM_MAX_ATTEMPTS: '2' } });
  });
  afterAll(() => stack.close());

  it('says Google closed the connection without answering, not "could not be reached"', async () => {
    stack.emulator.script({
      kind: 'reset-before-response',
      times: Infinity,
      match: { method: 'streamGenerateContent' },
    });
    const answer = await chat(stack, { stream: true });
    expect(answer.status).toBe(502);
    const message = JSON.parse(answer.text).error.message as string;
    expect(message).toMatch(/closed the connection without answering/);
    expect(message).not.toMatch(/could not be reached|DNS/);
  });
});

describe('the Anthropic and Responses surfaces map upstream statuses the same way (issue 22 items 6, 10, 12)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { ...FAST_RETRIES, UPSTREAM_MAX_ATTEMPTS: '2' } });
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.emulator.clearScript());

  const surfaces = [
    [
      '/v1/messages',
      { model: 'gemini-2.5-flash', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] },
    ],
    ['/v1/responses', { model: 'gemini-2.5-flash', input: 'hi', store: false }],
  ] as const;

  async function ask(path: string, body: unknown) {
    const response = await postJson(stack, path, body);
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      text,
      error: (JSON.parse(text) as { error: { type: string; message: string } }).error,
    };
  }

  it.each(surfaces)(
    '%s: a 302 without Location and a 418 are 502s naming the upstream status',
    async (path, body) => {
      for (const status of [302, 418]) {
        stack.emulator.script({ kind: 'status', status, times: Infinity, match: GENERATE });
        const answer = await ask(path, body);
        expect(answer.status).toBe(502);
        expect(answer.headers.get('location')).toBeNull();
        expect(answer.error.type).not.toBe('invalid_request_error');
        expect(answer.error.message).toMatch(new RegExp(`Code Assist answered HTTP ${status}`));
        stack.emulator.clearScript();
      }
    },
  );

  it.each(surfaces)(
    '%s: Google\'s 401 after a refresh is a 503 "Google rejected the gateway\'s credentials", never a 401',
    async (path, body) => {
      stack.emulator.script({ kind: 'status', status: 401, times: 2, match: GENERATE });
      const answer = await ask(path, body);
      expect(answer.status).toBe(503);
      expect(answer.error.message).toMatch(/Google rejected the gateway's credentials/);
      expect(answer.error.type).not.toMatch(/authentication|invalid_api_key/);
    },
  );

  it.each(surfaces)(
    '%s: a 5 MB upstream message is cut to about 2 000 characters',
    async (path, body) => {
      stack.emulator.script({
        kind: 'status',
        status: 400,
        body: {
          error: { code: 400, status: 'INVALID_ARGUMENT', message: `bad ${'x'.repeat(5_000_000)}` },
        },
        times: 2,
        match: GENERATE,
      });
      const answer = await ask(path, body);
      expect(answer.status).toBe(400);
      expect(answer.text.length).toBeLessThan(5_000);
      expect(answer.error.message).toMatch(/\(cut: the upstream message had 5000004 characters\)$/);
    },
  );
});
