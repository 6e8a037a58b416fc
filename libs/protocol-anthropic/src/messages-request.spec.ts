import {
  anthropicErrorTypeForStatus,
  countTokensRequestSchema,
  describeAnthropicIssues,
  messageStreamEventSchema,
  messagesRequestSchema,
} from './index';

const base = {
  model: 'gemini-2.5-flash',
  max_tokens: 100,
  messages: [{ role: 'user', content: 'hi' }],
};

describe('messagesRequestSchema', () => {
  it('accepts what Claude Code sends, stripping the fields the gateway ignores', () => {
    const parsed = messagesRequestSchema.parse({
      ...base,
      max_tokens: 128000,
      system: [
        { type: 'text', text: 'You are Claude Code.', cache_control: { type: 'ephemeral' } },
      ],
      messages: [
        { role: 'system', content: 'reminder' },
        {
          role: 'user',
          content: [{ type: 'text', text: 'hi', cache_control: { type: 'ephemeral' } }],
        },
      ],
      tools: [{ name: 'Read', description: 'read', input_schema: { type: 'object' } }],
      thinking: { type: 'adaptive', display: 'omitted' },
      context_management: { edits: [{ type: 'clear_thinking_20251015', keep: 'all' }] },
      output_config: { effort: 'medium' },
      metadata: { user_id: 'u' },
      stream: true,
    });
    expect(parsed.thinking).toEqual({ type: 'adaptive', display: 'omitted' });
    expect(parsed.output_config?.effort).toBe('medium');
    expect(parsed).not.toHaveProperty('context_management');
    expect(parsed.messages[0]?.role).toBe('system');
  });

  it('requires max_tokens', () => {
    const result = messagesRequestSchema.safeParse({ ...base, max_tokens: undefined });
    expect(result.success).toBe(false);
    if (!result.success)
      expect(describeAnthropicIssues(result.error.issues)).toMatch(/^max_tokens: /);
  });

  it('names the offending block path for a wrong block type', () => {
    const result = messagesRequestSchema.safeParse({
      ...base,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'a' },
            { type: 'video', url: 'x' },
          ],
        },
      ],
    });
    expect(result.success).toBe(false);
    if (!result.success)
      expect(describeAnthropicIssues(result.error.issues)).toMatch(
        /^messages\.0\.content\.1\.type: /,
      );
  });

  it('accepts server tools and tool_choice forms', () => {
    const parsed = messagesRequestSchema.parse({
      ...base,
      tools: [{ type: 'web_search_20250305', name: 'web_search', max_uses: 3 }],
      tool_choice: { type: 'any', disable_parallel_tool_use: true },
    });
    expect(parsed.tools?.[0]).toMatchObject({ type: 'web_search_20250305', max_uses: 3 });
  });

  it('count_tokens needs no max_tokens', () => {
    expect(
      countTokensRequestSchema.safeParse({ model: 'm', messages: base.messages }).success,
    ).toBe(true);
  });
});

describe('stream events and errors', () => {
  it('parses every event type the gateway sends', () => {
    for (const event of [
      { type: 'ping' },
      { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 's' } },
      {
        type: 'message_delta',
        delta: { stop_reason: 'tool_use', stop_sequence: null },
        usage: { output_tokens: 3 },
      },
      { type: 'error', error: { type: 'overloaded_error', message: 'busy' } },
    ])
      expect(messageStreamEventSchema.parse(event)).toEqual(event);
  });

  it('maps statuses to Anthropic error types', () => {
    expect(anthropicErrorTypeForStatus(529)).toBe('overloaded_error');
    expect(anthropicErrorTypeForStatus(413)).toBe('request_too_large');
    expect(anthropicErrorTypeForStatus(502)).toBe('api_error');
    expect(anthropicErrorTypeForStatus(409)).toBe('invalid_request_error');
  });
});
