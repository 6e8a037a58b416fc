import fc from 'fast-check';
import { replaceAt, sendFuzzRequests } from './support/fuzz-driver';
import { startStack, type Stack } from './support/start-stack';

const TOTAL = 3_000;
const CONCURRENCY = 16;

const valid = {
  model: 'gemini-3-flash-preview',
  max_tokens: 200,
  system: [{ type: 'text', text: 'sys' }],
  tools: [
    { name: 'Read', input_schema: { type: 'object', properties: { p: { type: 'string' } } } },
  ],
  messages: [
    { role: 'user', content: [{ type: 'text', text: 'read [[call Read {"p":"x"}]]' }] },
    {
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: 't', signature: 'gemini-sig:gemini-3;nc2ln' },
        { type: 'tool_use', id: 'toolu_1', name: 'Read', input: { p: 'x' } },
      ],
    },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'ok' }] },
  ],
};

const KEYS = [
  'model',
  'max_tokens',
  'stream',
  'system',
  'tools',
  'tools.0.input_schema',
  'tool_choice',
  'thinking',
  'temperature',
  'stop_sequences',
  'messages',
  'messages.0.role',
  'messages.0.content',
  'messages.0.content.0.type',
  'messages.1.content.0.signature',
  'messages.1.content.1.id',
  'messages.1.content.1.input',
  'messages.2.content.0.tool_use_id',
  'messages.2.content.0.content',
  'metadata',
  'unknown_field',
];

/** A valid Claude-Code-like body with one (possibly nested) field replaced by junk. */
const mutated = fc
  .record({
    key: fc.constantFrom(...KEYS),
    value: fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.string(),
      fc.constant(null),
      fc.integer(),
      fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 3 }),
    ),
  })
  .map(({ key, value }) => {
    return JSON.stringify(replaceAt(valid, key, value));
  });

const body = fc.oneof(
  { weight: 8, arbitrary: mutated },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)) },
  { weight: 1, arbitrary: mutated.map((text) => text.slice(0, -3)) },
);

describe('fuzz: generated bad requests at /v1/messages and count_tokens', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      env: { SSE_KEEPALIVE_INTERVAL_MS: '0', UPSTREAM_MAX_CONCURRENCY: '64' },
    });
  });
  afterAll(() => stack.close());

  it(`answers ${TOTAL} generated requests with no 5xx, every error in Anthropic's shape`, async () => {
    const requests = fc.sample(
      fc.record({
        path: fc.constantFrom(
          '/v1/messages',
          '/v1/messages?beta=true',
          '/v1/messages/count_tokens',
        ),
        body,
      }),
      { numRuns: TOTAL, seed: 20_261_204 },
    );
    const { statuses, failures } = await sendFuzzRequests(stack.url, requests, {
      headers: { 'x-api-key': stack.password },
      concurrency: CONCURRENCY,
      wellShaped: (text) => /^\{"type":"error","error":\{"type":"[a-z_]+","message":/.test(text),
      failedInBand: (text) => /event: error\n/.test(text),
    });
    expect(failures.slice(0, 10)).toEqual([]);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(TOTAL / 4);
    expect(statuses.get(200) ?? 0).toBeGreaterThan(TOTAL / 20);
  }, 120_000);
});
