import { chat, FAST_RETRIES, generateCalls } from './support/resilience-helpers';
import { startEmulator } from '@geminicli2api/emulator';
import { writeAccountDir } from './support/account-files';
import { startGateway } from './support/start-gateway';
import { postJson, startStack, type Stack } from './support/start-stack';

const NATIVE = '/v1beta/models/gemini-2.5-flash:generateContent';
const HELLO = { contents: [{ role: 'user', parts: [{ text: 'hello' }] }] };

/** Two requests in a row: neither may be a 429, both must name `what` failed. */
async function expectFailureNamed(stack: Stack, what: RegExp): Promise<void> {
  for (let round = 0; round < 2; round++) {
    const answer = await chat(stack);
    expect([502, 503, 504]).toContain(answer.status);
    const message = JSON.parse(answer.text).error.message as string;
    expect(message).toMatch(what);
    expect(message).not.toMatch(/rate-limited/);
  }
}

/** Google's 429 for an exhausted quota, without a RetryInfo delay. */
const QUOTA_EXHAUSTED_WITHOUT_RETRY_INFO = {
  kind: 'status',
  status: 429,
  body: {
    error: {
      code: 429,
      status: 'RESOURCE_EXHAUSTED',
      message: 'Quota exceeded.',
      details: [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: 'QUOTA_EXHAUSTED',
          domain: 'cloudcode-pa.googleapis.com',
        },
      ],
    },
  },
  match: { method: 'generateContent' },
} as const;

describe('a failing account is not reported as rate-limited (issue 22 item 5)', () => {
  let stack: Stack | undefined;
  afterEach(async () => {
    await stack?.close();
    stack = undefined;
  });

  it('a token endpoint answering HTML: 503 saying it answered HTML, not "unreachable", not 429', async () => {
    stack = await startStack({ env: FAST_RETRIES });
    stack.emulator.script({
      kind: 'raw',
      body: '<html><body>Sign in</body></html>',
      times: Infinity,
      match: { method: 'token' },
    });
    await expectFailureNamed(stack, /token endpoint .*answered HTTP 200 with text\/html.*not JSON/);
    expect(stack.logs()).not.toMatch(/unreachable/);
  });

  it('a token endpoint answering JSON without a token: 503 saying so, not 429', async () => {
    stack = await startStack({ env: FAST_RETRIES });
    stack.emulator.script({
      kind: 'raw',
      body: '{"token_type":"Bearer"}',
      contentType: 'application/json',
      times: Infinity,
      match: { method: 'token' },
    });
    await expectFailureNamed(stack, /token endpoint .*answered without an access token/);
  });

  it('two accounts whose token endpoint answers HTML: 503 naming each one and what failed, not 429', async () => {
    const emulator = await startEmulator({});
    const dir = await writeAccountDir(emulator.tokenUrl, ['acct-a', 'acct-b']);
    const gateway = await startGateway({
      ...FAST_RETRIES,
      CODE_ASSIST_ENDPOINT: emulator.url,
      GEMINI_CREDENTIALS_DIR: dir,
    });
    stack = {
      emulator,
      url: gateway.url,
      password: gateway.password,
      logs: gateway.logs,
      close: async () => {
        await gateway.close();
        await emulator.close();
      },
    };
    stack.emulator.script({
      kind: 'raw',
      body: '<html><body>Sign in</body></html>',
      times: Infinity,
      match: { method: 'token' },
    });
    for (let round = 0; round < 2; round++) {
      const answer = await chat(stack);
      expect(answer.status).toBe(503);
      const message = JSON.parse(answer.text).error.message as string;
      expect(message).not.toMatch(/rate-limited/);
      expect(message).toMatch(/account-1\.json[^|]*answered HTTP 200 with text\/html/);
      expect(message).toMatch(/account-2\.json[^|]*answered HTTP 200 with text\/html/);
    }
  });

  it('an unreachable Code Assist (loadCodeAssist closes the connection): 503 naming it, not 429', async () => {
    stack = await startStack({ env: FAST_RETRIES });
    stack.emulator.script({
      kind: 'reset-before-response',
      times: Infinity,
      match: { method: 'loadCodeAssist' },
    });
    await expectFailureNamed(
      stack,
      /Code Assist \(loadCodeAssist\) closed the connection without answering/,
    );
  });
});

describe('every 429 the gateway makes carries Retry-After and says when (issue 22 item 9)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: FAST_RETRIES });
  });
  afterAll(() => stack.close());

  const expectRetryAfter = (answer: { status: number; headers: Headers; text: string }) => {
    expect(answer.status).toBe(429);
    const seconds = Number(answer.headers.get('retry-after'));
    expect(seconds).toBeGreaterThan(0);
    expect(JSON.parse(answer.text).error.message).toMatch(/\d+\s?s\b|retry/i);
    return seconds;
  };

  it('an exhausted quota without RetryInfo, then the cooldown that follows, on both surfaces', async () => {
    stack.emulator.script(QUOTA_EXHAUSTED_WITHOUT_RETRY_INFO);
    expectRetryAfter(await chat(stack)); // Google's own 429, relayed
    const cooled = await chat(stack); // the gateway's: the only account is in cooldown
    expectRetryAfter(cooled);
    expect(JSON.parse(cooled.text).error.message).toMatch(/free again in \d+s/);
    const native = await postJson(stack, NATIVE, HELLO);
    expectRetryAfter({ status: native.status, headers: native.headers, text: await native.text() });
  });
});

describe('the 429 for a quota bucket retrieveUserQuota reports empty (issue 22 item 9)', () => {
  it('carries Retry-After up to the reset time and says when, without calling Google', async () => {
    const resetTime = new Date(Date.now() + 3600_000).toISOString();
    const stack = await startStack({
      env: FAST_RETRIES,
      emulator: {
        accounts: [
          {
            refreshToken: 'demo-refresh-token',
            quota: { 'gemini-2.5-flash': { remainingFraction: 0, resetTime } },
          },
        ],
      },
    });
    try {
      await chat(stack); // the quota may be read while this one is served (or meets Google's 429)
      const calls = generateCalls(stack);
      const answer = await chat(stack);
      expect(generateCalls(stack)).toBe(calls); // the gateway's own 429
      expect(answer.status).toBe(429);
      const seconds = Number(answer.headers.get('retry-after'));
      expect(seconds).toBeGreaterThan(3500);
      expect(seconds).toBeLessThanOrEqual(3600);
      expect(JSON.parse(answer.text).error.message).toMatch(
        new RegExp(`free again in ${seconds}s`),
      );
    } finally {
      await stack.close();
    }
  });
});

describe('a 429 Google sends as a stream event before any data (issue 22 item 9)', () => {
  it('carries Retry-After and says when, on the native stream', async () => {
    const stack = await startStack({ env: FAST_RETRIES });
    try {
      stack.emulator.script({
        kind: 'error-event',
        afterEvents: 0,
        status: 429,
        match: { method: 'streamGenerateContent' },
      });
      const response = await postJson(
        stack,
        '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
        HELLO,
      );
      expect(response.status).toBe(429);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
        /Retry in \d+s\./,
      );
    } finally {
      await stack.close();
    }
  });
});

describe('the concurrency queue full 429 (issue 22 item 9)', () => {
  it('carries Retry-After and its body says in how many seconds', async () => {
    const stack = await startStack({
      env: {
        ...FAST_RETRIES,
        UPSTREAM_MAX_CONCURRENCY: '1',
        UPSTREAM_QUEUE_SIZE: '0',
        UPSTREAM_QUEUE_RETRY_AFTER_SECONDS: '3',
      },
    });
    try {
      stack.emulator.script({
        kind: 'slow',
        firstByteDelayMs: 800,
        match: { method: 'generateContent' },
      });
      const slow = chat(stack);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const refused = await chat(stack);
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe('3');
      expect(JSON.parse(refused.text).error.message).toMatch(/Retry in 3s\./);
      expect((await slow).status).toBe(200);
    } finally {
      await stack.close();
    }
  });
});

describe("the gateway's own cooldown 429 on every surface, streamed or not (issue 22 item 9)", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: FAST_RETRIES });
    // One exhausted-quota 429 puts the only account in cooldown for the model.
    stack.emulator.script(QUOTA_EXHAUSTED_WITHOUT_RETRY_INFO);
    expect((await chat(stack)).status).toBe(429);
  });
  afterAll(() => stack.close());

  const messages = {
    model: 'gemini-2.5-flash',
    max_tokens: 64,
    messages: [{ role: 'user', content: 'hi' }],
  };
  const responses = { model: 'gemini-2.5-flash', input: 'hi', store: false };
  const chatBody = { model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'hi' }] };
  it.each([
    ['/v1/chat/completions (stream)', '/v1/chat/completions', { ...chatBody, stream: true }],
    ['/v1/messages', '/v1/messages', messages],
    ['/v1/messages (stream)', '/v1/messages', { ...messages, stream: true }],
    ['/v1/responses', '/v1/responses', responses],
    ['/v1/responses (stream)', '/v1/responses', { ...responses, stream: true }],
    ['native SSE stream', '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse', HELLO],
    ['native JSON-array stream', '/v1beta/models/gemini-2.5-flash:streamGenerateContent', HELLO],
  ])('%s: 429 with Retry-After, the body saying when', async (_label, path, body) => {
    const calls = stack.emulator.requests.length;
    const response = await postJson(stack, path, body);
    expect(response.status).toBe(429);
    const seconds = Number(response.headers.get('retry-after'));
    expect(seconds).toBeGreaterThan(0);
    const text = await response.text();
    expect((JSON.parse(text) as { error: { message: string } }).error.message).toMatch(
      new RegExp(`free again in ${seconds}s`),
    );
    expect(stack.emulator.requests.length).toBe(calls); // the gateway's own 429: no upstream call
  });
});
