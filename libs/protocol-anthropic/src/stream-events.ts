import { z } from 'zod';
import { anthropicErrorBodySchema } from './anthropic-error-body';
import {
  anthropicResponseContentBlockSchema,
  anthropicStopReasonSchema,
  messagesResponseSchema,
} from './messages-response';

/**
 * Server-sent events of a streamed `POST /v1/messages`, each sent as `event: <type>` plus
 * `data: <json>`. https://docs.anthropic.com/en/docs/build-with-claude/streaming
 */

export const messageStartEventSchema = z.object({
  type: z.literal('message_start'),
  message: messagesResponseSchema,
});

export const contentBlockStartEventSchema = z.object({
  type: z.literal('content_block_start'),
  index: z.number().int().min(0),
  content_block: anthropicResponseContentBlockSchema,
});

export const anthropicContentDeltaSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text_delta'), text: z.string() }),
  z.object({ type: z.literal('input_json_delta'), partial_json: z.string() }),
  z.object({ type: z.literal('thinking_delta'), thinking: z.string() }),
  z.object({ type: z.literal('signature_delta'), signature: z.string() }),
]);

export const contentBlockDeltaEventSchema = z.object({
  type: z.literal('content_block_delta'),
  index: z.number().int().min(0),
  delta: anthropicContentDeltaSchema,
});

export const contentBlockStopEventSchema = z.object({
  type: z.literal('content_block_stop'),
  index: z.number().int().min(0),
});

export const messageDeltaEventSchema = z.object({
  type: z.literal('message_delta'),
  delta: z.object({
    stop_reason: anthropicStopReasonSchema.nullable(),
    stop_sequence: z.string().nullable(),
  }),
  /** Cumulative counts so far. */
  usage: z.object({
    output_tokens: z.number().int(),
    input_tokens: z.number().int().nullish(),
    cache_creation_input_tokens: z.number().int().nullish(),
    cache_read_input_tokens: z.number().int().nullish(),
    server_tool_use: z.object({ web_search_requests: z.number().int() }).nullish(),
  }),
});

export const messageStopEventSchema = z.object({ type: z.literal('message_stop') });
export const pingEventSchema = z.object({ type: z.literal('ping') });

export const messageStreamEventSchema = z.discriminatedUnion('type', [
  messageStartEventSchema,
  contentBlockStartEventSchema,
  contentBlockDeltaEventSchema,
  contentBlockStopEventSchema,
  messageDeltaEventSchema,
  messageStopEventSchema,
  pingEventSchema,
  anthropicErrorBodySchema,
]);

export type MessageStartEvent = z.infer<typeof messageStartEventSchema>;
export type ContentBlockStartEvent = z.infer<typeof contentBlockStartEventSchema>;
export type AnthropicContentDelta = z.infer<typeof anthropicContentDeltaSchema>;
export type ContentBlockDeltaEvent = z.infer<typeof contentBlockDeltaEventSchema>;
export type ContentBlockStopEvent = z.infer<typeof contentBlockStopEventSchema>;
export type MessageDeltaEvent = z.infer<typeof messageDeltaEventSchema>;
export type MessageStopEvent = z.infer<typeof messageStopEventSchema>;
export type PingEvent = z.infer<typeof pingEventSchema>;
export type MessageStreamEvent = z.infer<typeof messageStreamEventSchema>;
