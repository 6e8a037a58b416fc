import { z } from 'zod';

/**
 * The `message` object `POST /v1/messages` answers with (and `message_start` carries), and the
 * `count_tokens` answer. https://docs.anthropic.com/en/api/messages
 */

export const anthropicResponseTextBlockSchema = z.object({
  type: z.literal('text'),
  text: z.string(),
  citations: z.array(z.unknown()).nullish(),
});
export const anthropicResponseThinkingBlockSchema = z.object({
  type: z.literal('thinking'),
  thinking: z.string(),
  signature: z.string(),
});
export const anthropicResponseRedactedThinkingBlockSchema = z.object({
  type: z.literal('redacted_thinking'),
  data: z.string(),
});
export const anthropicResponseToolUseBlockSchema = z.object({
  type: z.literal('tool_use'),
  id: z.string(),
  name: z.string(),
  input: z.record(z.string(), z.unknown()),
});

/** The web search a server tool made (`web_search`), answered by the next block. */
export const anthropicResponseServerToolUseBlockSchema = z.object({
  type: z.literal('server_tool_use'),
  id: z.string(),
  name: z.string(),
  input: z.record(z.string(), z.unknown()),
});
export const anthropicWebSearchResultSchema = z.object({
  type: z.literal('web_search_result'),
  url: z.string(),
  title: z.string(),
  encrypted_content: z.string(),
  page_age: z.string().nullish(),
});
/** The sources a web search found. */
export const anthropicResponseWebSearchToolResultBlockSchema = z.object({
  type: z.literal('web_search_tool_result'),
  tool_use_id: z.string(),
  content: z.array(anthropicWebSearchResultSchema),
});

export const anthropicResponseContentBlockSchema = z.discriminatedUnion('type', [
  anthropicResponseTextBlockSchema,
  anthropicResponseThinkingBlockSchema,
  anthropicResponseRedactedThinkingBlockSchema,
  anthropicResponseToolUseBlockSchema,
  anthropicResponseServerToolUseBlockSchema,
  anthropicResponseWebSearchToolResultBlockSchema,
]);

export const anthropicStopReasonSchema = z.enum([
  'end_turn',
  'max_tokens',
  'stop_sequence',
  'tool_use',
  'pause_turn',
  'refusal',
]);

export const anthropicUsageSchema = z.object({
  input_tokens: z.number().int(),
  output_tokens: z.number().int(),
  cache_creation_input_tokens: z.number().int().nullish(),
  cache_read_input_tokens: z.number().int().nullish(),
  /** Server tool calls the answer made (web searches). */
  server_tool_use: z.object({ web_search_requests: z.number().int() }).nullish(),
});

export const messagesResponseSchema = z.object({
  id: z.string(),
  type: z.literal('message'),
  role: z.literal('assistant'),
  model: z.string(),
  content: z.array(anthropicResponseContentBlockSchema),
  stop_reason: anthropicStopReasonSchema.nullable(),
  stop_sequence: z.string().nullable(),
  usage: anthropicUsageSchema,
});

export const countTokensResponseSchema = z.object({ input_tokens: z.number().int() });

export type AnthropicResponseTextBlock = z.infer<typeof anthropicResponseTextBlockSchema>;
export type AnthropicResponseThinkingBlock = z.infer<typeof anthropicResponseThinkingBlockSchema>;
export type AnthropicResponseToolUseBlock = z.infer<typeof anthropicResponseToolUseBlockSchema>;
export type AnthropicResponseServerToolUseBlock = z.infer<
  typeof anthropicResponseServerToolUseBlockSchema
>;
export type AnthropicResponseWebSearchToolResultBlock = z.infer<
  typeof anthropicResponseWebSearchToolResultBlockSchema
>;
export type AnthropicWebSearchResult = z.infer<typeof anthropicWebSearchResultSchema>;
export type AnthropicResponseContentBlock = z.infer<typeof anthropicResponseContentBlockSchema>;
export type AnthropicStopReason = z.infer<typeof anthropicStopReasonSchema>;
export type AnthropicUsage = z.infer<typeof anthropicUsageSchema>;
export type MessagesResponse = z.infer<typeof messagesResponseSchema>;
export type CountTokensResponse = z.infer<typeof countTokensResponseSchema>;
