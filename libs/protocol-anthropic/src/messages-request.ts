import { z } from 'zod';
import { anthropicContentBlockSchema, anthropicTextBlockSchema } from './content-blocks';

/**
 * Inbound `POST /v1/messages` request. Strict where the gateway acts on a value (roles, block
 * types, `max_tokens`, ranges), lenient elsewhere: unknown top-level keys Claude Code and newer
 * SDKs send (`context_management`, `output_config`, `container`, `mcp_servers`, …) are stripped,
 * not rejected. https://docs.anthropic.com/en/api/messages
 */

export const anthropicMessageSchema = z.object({
  /** `system` is not Anthropic's, but Claude Code sends it inside `messages`. */
  role: z.enum(['user', 'assistant', 'system']),
  content: z.union([z.string(), z.array(anthropicContentBlockSchema)]),
});

/** A client tool: a name and a JSON schema for its input. */
export const anthropicCustomToolSchema = z.object({
  type: z.literal('custom').optional(),
  name: z.string().min(1).max(128),
  description: z.string().optional(),
  input_schema: z.record(z.string(), z.unknown()),
  cache_control: z.unknown().optional(),
});

/** An Anthropic-defined tool (`web_search_20250305`, `bash_20250124`, …), versioned by its type. */
export const anthropicServerToolSchema = z.looseObject({
  type: z
    .string()
    .regex(/^[a-z_]+_\d{8}$/, 'expected a versioned tool type such as web_search_20250305'),
  name: z.string().min(1),
});

export const anthropicToolSchema = z.union([anthropicCustomToolSchema, anthropicServerToolSchema]);

const parallel = { disable_parallel_tool_use: z.boolean().optional() };
export const anthropicToolChoiceSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('auto'), ...parallel }),
  z.object({ type: z.literal('any'), ...parallel }),
  z.object({ type: z.literal('tool'), name: z.string().min(1), ...parallel }),
  z.object({ type: z.literal('none') }),
]);

export const anthropicThinkingConfigSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('enabled'),
    budget_tokens: z.number().int().min(0),
    display: z.string().optional(),
  }),
  z.object({ type: z.literal('disabled') }),
  /** The model decides how much to think; `display: "omitted"` asks for signatures only. */
  z.object({ type: z.literal('adaptive'), display: z.string().optional() }),
]);

/** `output_config.effort` (what Claude Code sets next to adaptive thinking). */
export const anthropicOutputConfigSchema = z.looseObject({
  effort: z.enum(['low', 'medium', 'high', 'max', 'xhigh']).optional(),
});

const requestShape = {
  model: z.string().min(1),
  messages: z.array(anthropicMessageSchema).min(1),
  system: z.union([z.string(), z.array(anthropicTextBlockSchema)]).optional(),
  tools: z.array(anthropicToolSchema).optional(),
  tool_choice: anthropicToolChoiceSchema.optional(),
  thinking: anthropicThinkingConfigSchema.optional(),
  output_config: anthropicOutputConfigSchema.optional(),
};

/** The request body of `POST /v1/messages`. */
export const messagesRequestSchema = z.object({
  ...requestShape,
  max_tokens: z.number().int().min(1),
  stream: z.boolean().optional(),
  stop_sequences: z.array(z.string()).optional(),
  temperature: z.number().min(0).max(1).optional(),
  top_p: z.number().min(0).max(1).optional(),
  top_k: z.number().int().min(0).optional(),
  /** `user_id` is accepted and ignored. */
  metadata: z.looseObject({ user_id: z.string().nullish() }).optional(),
  service_tier: z.string().optional(),
});

/** The request body of `POST /v1/messages/count_tokens` (no `max_tokens`). */
export const countTokensRequestSchema = z.object(requestShape);

export type AnthropicMessage = z.infer<typeof anthropicMessageSchema>;
export type AnthropicCustomTool = z.infer<typeof anthropicCustomToolSchema>;
export type AnthropicServerTool = z.infer<typeof anthropicServerToolSchema>;
export type AnthropicTool = z.infer<typeof anthropicToolSchema>;
export type AnthropicToolChoice = z.infer<typeof anthropicToolChoiceSchema>;
export type AnthropicThinkingConfig = z.infer<typeof anthropicThinkingConfigSchema>;
export type AnthropicOutputConfig = z.infer<typeof anthropicOutputConfigSchema>;
export type MessagesRequest = z.infer<typeof messagesRequestSchema>;
export type CountTokensRequest = z.infer<typeof countTokensRequestSchema>;
