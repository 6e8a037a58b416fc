import {
  countTokensResponseSchema,
  messageStreamEventSchema,
  messagesResponseSchema,
} from '@geminicli2api/protocol-anthropic';
import { postJson, startStack, type Stack } from './support/start-stack';

const TOOL_TURN = {
  model: 'gemini-3-pro-preview',
  max_tokens: 4096,
  thinking: { type: 'enabled', budget_tokens: 2048 },
  tools: [
    {
      name: 'get_weather',
      input_schema: { type: 'object', properties: { city: { type: 'string' } } },
    },
  ],
  messages: [{ role: 'user', content: 'Weather? [[call get_weather {"city":"Oslo"}]]' }],
};

/**
 * What the gateway writes on the Anthropic surface matches @geminicli2api/protocol-anthropic's
 * schemas exactly: every field the schema knows, of the right type, and no field it does not
 * (a parse strips unknown keys, so parsed must equal what was sent).
 */
describe('/v1/messages answers match the protocol-anthropic schemas', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { SSE_KEEPALIVE_INTERVAL_MS: '0' } });
  });
  afterAll(() => stack.close());

  const post = (path: string, body: unknown) =>
    postJson(stack, path, body, { authorization: '', 'x-api-key': stack.password });

  it('a message with thinking and tool_use', async () => {
    const response = await post('/v1/messages', TOOL_TURN);
    expect(response.status).toBe(200);
    const body = (await response.json()) as unknown;
    expect(messagesResponseSchema.parse(body)).toEqual(body);
    expect((body as { content: { type: string }[] }).content.map((block) => block.type)).toEqual([
      'thinking',
      'tool_use',
    ]);
  });

  it('every stream event, its SSE name equal to its type', async () => {
    const response = await post('/v1/messages', { ...TOOL_TURN, stream: true });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const frames = (await response.text()).trim().split('\n\n');
    const types: string[] = [];
    for (const frame of frames) {
      const [eventLine, dataLine, ...rest] = frame.split('\n');
      expect(rest).toEqual([]);
      const event = JSON.parse(dataLine?.slice('data: '.length) ?? '') as { type: string };
      expect(eventLine).toBe(`event: ${event.type}`);
      expect(messageStreamEventSchema.parse(event)).toEqual(event);
      types.push(
        event.type === 'content_block_delta'
          ? (event as unknown as { delta: { type: string } }).delta.type
          : event.type,
      );
    }
    expect(types).toEqual([
      'message_start',
      'content_block_start',
      'thinking_delta',
      'signature_delta',
      'content_block_stop',
      'content_block_start',
      'input_json_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
  });

  it('a plain Gemini 3 answer, thinking not asked for: one text block, streamed or not', async () => {
    const plain = { model: 'gemini-3-flash-preview', max_tokens: 100 };
    const ask = { role: 'user', content: 'hello there' };
    const whole = (await (await post('/v1/messages', { ...plain, messages: [ask] })).json()) as {
      content: unknown[];
    };
    expect(whole.content).toEqual([{ type: 'text', text: 'Echo: hello there' }]);
    const streamed = await (
      await post('/v1/messages', { ...plain, stream: true, messages: [ask] })
    ).text();
    expect(streamed).not.toContain('"type":"thinking"');
    // The next turn still works with the answer sent back as it came.
    const next = await post('/v1/messages', {
      ...plain,
      messages: [ask, { role: 'assistant', content: whole.content }, ask],
    });
    expect(next.status).toBe(200);
  });

  it.each([
    ['max_tokens', { max_tokens: 2, messages: [{ role: 'user', content: 'one two three four' }] }],
    ['refusal', { max_tokens: 100, messages: [{ role: 'user', content: 'blocked' }] }],
  ])('stop_reason %s over HTTP', async (reason, fields) => {
    if (reason === 'refusal')
      stack.emulator.script({
        kind: 'raw',
        contentType: 'application/json',
        body: JSON.stringify({
          response: {
            candidates: [
              { content: { role: 'model', parts: [{ text: 'I can' }] }, finishReason: 'SAFETY' },
            ],
          },
        }),
        match: { method: 'generateContent' },
      });
    const body = (await (
      await post('/v1/messages', { model: 'gemini-2.5-flash', ...fields })
    ).json()) as { stop_reason: string; content: unknown[] };
    expect(body.stop_reason).toBe(reason);
    expect(body.content).toHaveLength(1); // the partial text is kept
  });

  it('a count_tokens answer', async () => {
    const { max_tokens: _omit, ...counted } = TOOL_TURN;
    const response = await post('/v1/messages/count_tokens', counted);
    const body = (await response.json()) as unknown;
    expect(countTokensResponseSchema.parse(body)).toEqual(body);
  });
});
