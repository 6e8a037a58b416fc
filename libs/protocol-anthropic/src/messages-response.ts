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

export const anthropicResponseContentBlockSchema = z.discriminatedUnion('type', [
  anthropicResponseTextBlockSchema,
  anthropicResponseThinkingBlockSchema,
  anthropicResponseRedactedThinkingBlockSchema,
  anthropicResponseToolUseBlockSchema,
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
export type AnthropicResponseContentBlock = z.infer<typeof anthropicResponseContentBlockSchema>;
export type AnthropicStopReason = z.infer<typeof anthropicStopReasonSchema>;
export type AnthropicUsage = z.infer<typeof anthropicUsageSchema>;
export type MessagesResponse = z.infer<typeof messagesResponseSchema>;
export type CountTokensResponse = z.infer<typeof countTokensResponseSchema>;
