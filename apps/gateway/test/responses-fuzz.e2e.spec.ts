import fc from 'fast-check';
import { replaceAt, sendFuzzRequests } from './support/fuzz-driver';
import { startStack, type Stack } from './support/start-stack';

const TOTAL = 3_000;
const CONCURRENCY = 16;

const valid = {
  model: 'gemini-3-flash-preview',
  input: [
    { role: 'user', content: [{ type: 'input_text', text: 'hi' }] },
    { type: 'function_call', call_id: 'c1', name: 'f', arguments: '{}' },
    { type: 'function_call_output', call_id: 'c1', output: 'ok' },
  ],
  tools: [{ type: 'function', name: 'f', parameters: { type: 'object', properties: {} } }],
  text: { format: { type: 'text' } },
  reasoning: { effort: 'low', summary: 'auto' },
};

const KEYS = [
  'model',
  'input',
  'input.0',
  'input.0.role',
  'input.0.content',
  'input.0.content.0',
  'input.0.content.0.type',
  'input.1',
  'input.1.type',
  'input.1.arguments',
  'input.1.call_id',
  'input.2.call_id',
  'input.2.output',
  'tools',
  'tools.0',
  'tools.0.type',
  'tools.0.parameters',
  'tool_choice',
  'text',
  'text.format',
  'text.format.type',
  'reasoning',
  'reasoning.effort',
  'include',
  'store',
  'stream',
  'previous_response_id',
  'max_output_tokens',
  'instructions',
  'metadata',
  'temperature',
  'unknown_field',
];

const ITEM_TYPES = [
  'message',
  'function_call',
  'function_call_output',
  'custom_tool_call',
  'custom_tool_call_output',
  'local_shell_call',
  'local_shell_call_output',
  'reasoning',
  'item_reference',
  'computer_call',
  'x',
];

/** A valid body with one (possibly nested) field replaced by junk. */
const mutated = fc
  .record({
    key: fc.constantFrom(...KEYS),
    value: fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.string(),
      fc.constant(null),
      fc.record({ type: fc.constantFrom(...ITEM_TYPES), call_id: fc.string(), id: fc.string() }),
      fc.array(fc.record({ type: fc.constantFrom(...ITEM_TYPES) }), { maxLength: 3 }),
    ),
  })
  .map(({ key, value }) => replaceAt(valid, key, value));

/** Bodies whose input is a list of generated items of any type with random fields. */
const generatedItems = fc.record({
  model: fc.constant('gemini-2.5-flash'),
  input: fc.array(
    fc.record(
      {
        type: fc.constantFrom(...ITEM_TYPES),
        role: fc.constantFrom('user', 'assistant', 'system', 'developer', 'tool'),
        content: fc.oneof(fc.string(), fc.jsonValue({ maxDepth: 2 })),
        call_id: fc.constantFrom('a', 'b', ''),
        name: fc.constantFrom('f', ''),
        arguments: fc.oneof(fc.constant('{}'), fc.string()),
        output: fc.oneof(fc.string(), fc.jsonValue({ maxDepth: 2 })),
        input: fc.string(),
        encrypted_content: fc.oneof(fc.string(), fc.constant('gcli2api.1.!!')),
        action: fc.jsonValue({ maxDepth: 2 }),
      },
      { requiredKeys: ['type'] },
    ),
    { maxLength: 5 },
  ),
});

const body = fc.oneof(
  { weight: 6, arbitrary: mutated.map((value) => JSON.stringify(value)) },
  { weight: 3, arbitrary: generatedItems.map((value) => JSON.stringify(value)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)) },
);
const path = fc.constantFrom('/v1/responses', '/v1/responses', '/v1/responses/input_tokens');

describe('fuzz: generated bad Responses API requests', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { SSE_KEEPALIVE_INTERVAL_MS: '0' } });
  });
  afterAll(() => stack.close());

  it(`answers ${TOTAL} generated requests with no 5xx, errors in the OpenAI shape`, async () => {
    const requests = fc.sample(fc.record({ path, body }), { numRuns: TOTAL, seed: 20_261_204 });
    const { statuses, failures } = await sendFuzzRequests(stack.url, requests, {
      headers: { authorization: `Bearer ${stack.password}` },
      concurrency: CONCURRENCY,
      wellShaped: (text) => /^\{"error":\{"message":/.test(text),
      failedInBand: (text) => /response\.failed/.test(text),
    });
    expect(failures.slice(0, 10)).toEqual([]);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(TOTAL / 4);
    expect(statuses.get(200) ?? 0).toBeGreaterThan(0);
    expect((await fetch(`${stack.url}/health`)).status).toBe(200);
  }, 120_000);
});
