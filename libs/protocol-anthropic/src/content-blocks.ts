import { z } from 'zod';

/**
 * Content blocks of the Anthropic Messages API, as clients send them in `messages[].content`
 * and `system`. Unknown keys are kept out of the way (stripped) but never rejected, so fields a
 * newer client adds (`cache_control`, `citations`, …) do not break a request; the block `type`
 * is strict, so a block the gateway cannot honour fails with its path.
 * https://docs.anthropic.com/en/api/messages
 */

/** `cache_control` on any block: accepted and ignored (Gemini caches implicitly). */
const cacheControl = z.unknown().optional();

export const anthropicTextBlockSchema = z.object({
  type: z.literal('text'),
  text: z.string(),
  cache_control: cacheControl,
  citations: z.unknown().optional(),
});

/** Where an image or document comes from. */
export const anthropicBase64SourceSchema = z.object({
  type: z.literal('base64'),
  media_type: z.string().min(1),
  data: z.string(),
});
export const anthropicUrlSourceSchema = z.object({
  type: z.literal('url'),
  url: z.string().min(1),
});
export const anthropicTextSourceSchema = z.object({
  type: z.literal('text'),
  media_type: z.string().optional(),
  data: z.string(),
});
export const anthropicFileSourceSchema = z.object({
  type: z.literal('file'),
  file_id: z.string(),
});

export const anthropicImageBlockSchema = z.object({
  type: z.literal('image'),
  source: z.discriminatedUnion('type', [
    anthropicBase64SourceSchema,
    anthropicUrlSourceSchema,
    anthropicFileSourceSchema,
  ]),
  cache_control: cacheControl,
});

/** `content` source of a document: a string or text/image blocks. */
const documentContentSource = z.object({
  type: z.literal('content'),
  content: z.union([
    z.string(),
    z.array(z.union([anthropicTextBlockSchema, anthropicImageBlockSchema])),
  ]),
});

export const anthropicDocumentBlockSchema = z.object({
  type: z.literal('document'),
  source: z.discriminatedUnion('type', [
    anthropicBase64SourceSchema,
    anthropicTextSourceSchema,
    anthropicUrlSourceSchema,
    anthropicFileSourceSchema,
    documentContentSource,
  ]),
  title: z.string().nullish(),
  context: z.string().nullish(),
  citations: z.unknown().optional(),
  cache_control: cacheControl,
});

export const anthropicToolUseBlockSchema = z.object({
  type: z.literal('tool_use'),
  id: z.string().min(1),
  name: z.string().min(1),
  input: z.record(z.string(), z.unknown()),
  cache_control: cacheControl,
});

/** What a tool result may hold besides a plain string. */
export const anthropicToolResultContentBlockSchema = z.discriminatedUnion('type', [
  anthropicTextBlockSchema,
  anthropicImageBlockSchema,
  anthropicDocumentBlockSchema,
]);

export const anthropicToolResultBlockSchema = z.object({
  type: z.literal('tool_result'),
  tool_use_id: z.string().min(1),
  content: z.union([z.string(), z.array(anthropicToolResultContentBlockSchema)]).optional(),
  is_error: z.boolean().optional(),
  cache_control: cacheControl,
});

/** Extended thinking: `signature` is opaque to clients (the gateway keeps Gemini's there). */
export const anthropicThinkingBlockSchema = z.object({
  type: z.literal('thinking'),
  thinking: z.string(),
  signature: z.string().optional(),
});

export const anthropicRedactedThinkingBlockSchema = z.object({
  type: z.literal('redacted_thinking'),
  data: z.string(),
});

/** A server tool call (web search) and its result, echoed back in histories. */
export const anthropicServerToolUseBlockSchema = z.object({
  type: z.literal('server_tool_use'),
  id: z.string(),
  name: z.string(),
  input: z.unknown(),
});
export const anthropicWebSearchToolResultBlockSchema = z.object({
  type: z.literal('web_search_tool_result'),
  tool_use_id: z.string(),
  content: z.unknown(),
});

/** Any block a message may carry; which role may carry which is checked by the translator. */
export const anthropicContentBlockSchema = z.discriminatedUnion('type', [
  anthropicTextBlockSchema,
  anthropicImageBlockSchema,
  anthropicDocumentBlockSchema,
  anthropicToolUseBlockSchema,
  anthropicToolResultBlockSchema,
  anthropicThinkingBlockSchema,
  anthropicRedactedThinkingBlockSchema,
  anthropicServerToolUseBlockSchema,
  anthropicWebSearchToolResultBlockSchema,
]);

export type AnthropicTextBlock = z.infer<typeof anthropicTextBlockSchema>;
export type AnthropicImageBlock = z.infer<typeof anthropicImageBlockSchema>;
export type AnthropicDocumentBlock = z.infer<typeof anthropicDocumentBlockSchema>;
export type AnthropicToolUseBlock = z.infer<typeof anthropicToolUseBlockSchema>;
export type AnthropicToolResultBlock = z.infer<typeof anthropicToolResultBlockSchema>;
export type AnthropicToolResultContentBlock = z.infer<typeof anthropicToolResultContentBlockSchema>;
export type AnthropicThinkingBlock = z.infer<typeof anthropicThinkingBlockSchema>;
export type AnthropicRedactedThinkingBlock = z.infer<typeof anthropicRedactedThinkingBlockSchema>;
export type AnthropicContentBlock = z.infer<typeof anthropicContentBlockSchema>;
