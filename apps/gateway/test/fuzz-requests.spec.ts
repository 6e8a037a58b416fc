import fc from 'fast-check';
import {
  replaceAt,
  sendFuzzRequests,
  type FuzzRequest as DriverRequest,
} from './support/fuzz-driver';
import { startStack, type Stack } from './support/start-stack';

/** One generated request: method, path, content type and raw body. */
type FuzzRequest = Required<DriverRequest>;

const TOTAL = 10_000;
const CONCURRENCY = 32;

const validChat = { model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'hi' }] };
const validNative = { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] };

/** Replaces one (possibly nested) field of a valid body with junk. */
function mutate(base: Record<string, unknown>, keys: string[]): fc.Arbitrary<unknown> {
  return fc
    .record({
      key: fc.constantFrom(
        ...keys,
        'unknown_field',
        'messages.0.role',
        'messages.0.content',
        'contents.0.parts',
      ),
      value: fc.oneof(
        fc.jsonValue({ maxDepth: 3 }),
        fc.string(),
        fc.constant(null),
        fc.double(),
        fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 3 }),
      ),
    })
    .map(({ key, value }) => replaceAt(base, key, value));
}

const junkJson = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  mutate(validChat, [
    'model',
    'messages',
    'stream',
    'temperature',
    'tools',
    'tool_choice',
    'max_tokens',
    'n',
    'response_format',
    'stop',
  ]),
  mutate(validNative, [
    'contents',
    'generationConfig',
    'tools',
    'systemInstruction',
    'safetySettings',
  ]),
  fc.record({
    model: fc.oneof(fc.string(), fc.constant('gemini-2.5-flash')),
    messages: fc.array(fc.record({ role: fc.string(), content: fc.jsonValue({ maxDepth: 2 }) }), {
      maxLength: 3,
    }),
  }),
);

const rawBody = fc.oneof(
  junkJson.map((value) => JSON.stringify(value) ?? 'null'),
  fc.string({ maxLength: 200 }),
  junkJson.map((value) => (JSON.stringify(value) ?? '').slice(0, -1)), // truncated JSON
  fc.constant(''),
);

const path = fc.oneof(
  { weight: 5, arbitrary: fc.constant('/v1/chat/completions') },
  {
    weight: 4,
    arbitrary: fc
      .tuple(
        fc.constantFrom('v1beta', 'v1', 'v1alpha'),
        fc.oneof(fc.constant('gemini-2.5-flash'), fc.stringMatching(/^[a-z0-9.%-]{0,30}$/)),
        fc.constantFrom(':generateContent', ':streamGenerateContent', ':countTokens', ':bogus', ''),
      )
      .map(([version, model, method]) => `/${version}/models/${model}${method}`),
  },
  { weight: 1, arbitrary: fc.stringMatching(/^\/[a-zA-Z0-9/_.:-]{0,40}$/) },
);

const fuzzRequest: fc.Arbitrary<FuzzRequest> = fc.record({
  path,
  contentType: fc.constantFrom(
    'application/json',
    'application/json',
    'application/json',
    'text/plain',
    'application/x-www-form-urlencoded',
  ),
  body: rawBody,
});

describe('fuzz: generated bad requests at both surfaces', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      env: {
        SSE_KEEPALIVE_INTERVAL_MS: '0',
        UPSTREAM_MAX_CONCURRENCY: '64',
        UPSTREAM_QUEUE_SIZE: '10000',
      },
    });
  });
  afterAll(async () => {
    await stack.close();
  });

  it(`answers ${TOTAL} generated requests with no 5xx and stays up`, async () => {
    const requests = fc.sample(fuzzRequest, { numRuns: TOTAL, seed: 20_261_126 });
    const { statuses, failures } = await sendFuzzRequests(
      stack.url,
      requests.map((item) => ({ ...item, path: encodeURI(item.path).replace(/%25/g, '%') })),
      {
        headers: { authorization: `Bearer ${stack.password}` },
        concurrency: CONCURRENCY,
        wellShaped: (text) => /"error"/.test(text),
        failedInBand: () => false,
      },
    );
    if (process.env['FUZZ_REPORT']) console.log(JSON.stringify([...statuses]));
    expect(failures.slice(0, 10)).toEqual([]);
    expect([...statuses.values()].reduce((sum, count) => sum + count, 0)).toBe(TOTAL);
    // A healthy mix: most are refused (4xx), some valid ones get through (200).
    expect(statuses.get(400) ?? 0).toBeGreaterThan(TOTAL / 4);
    const health = await fetch(`${stack.url}/health`);
    expect(health.status).toBe(200);
  }, 60_000);
});
