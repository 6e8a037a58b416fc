import { z } from 'zod';
import { openAIExtraContentSchema } from './chat-completion-request';
import {
  openAIAnnotationSchema,
  openAIFinishReasonSchema,
  openAIResponseImageSchema,
  openAIUsageSchema,
} from './chat-completion-response';

/** A tool-call fragment in a stream delta; the first fragment of a call carries id and name. */
export const openAIToolCallDeltaSchema = z.object({
  index: z.number().int().nonnegative(),
  id: z.string().optional(),
  type: z.literal('function').optional(),
  function: z.object({ name: z.string().optional(), arguments: z.string().optional() }).optional(),
  extra_content: openAIExtraContentSchema.optional(),
});

/** What changed in one choice since the previous chunk. */
export const openAIChunkDeltaSchema = z.object({
  role: z.literal('assistant').optional(),
  content: z.string().nullable().optional(),
  refusal: z.string().nullable().optional(),
  reasoning_content: z.string().optional(),
  tool_calls: z.array(openAIToolCallDeltaSchema).optional(),
  images: z.array(openAIResponseImageSchema).optional(),
  annotations: z.array(openAIAnnotationSchema).optional(),
});

export const openAIChunkChoiceSchema = z.object({
  index: z.number().int().nonnegative(),
  delta: openAIChunkDeltaSchema,
  logprobs: z.unknown().nullable().optional(),
  finish_reason: openAIFinishReasonSchema.nullable(),
  native_finish_reason: z.string().optional(),
});

/**
 * `chat.completion.chunk`: one `data:` event of a streamed response. With
 * `stream_options.include_usage` every chunk has `usage: null` except one final chunk with
 * `choices: []` and the usage.
 */
export const chatCompletionChunkSchema = z.object({
  id: z.string(),
  object: z.literal('chat.completion.chunk'),
  created: z.number().int(),
  model: z.string(),
  system_fingerprint: z.string().nullable().optional(),
  choices: z.array(openAIChunkChoiceSchema),
  usage: openAIUsageSchema.nullable().optional(),
});

export type OpenAIToolCallDelta = z.infer<typeof openAIToolCallDeltaSchema>;
export type OpenAIChunkDelta = z.infer<typeof openAIChunkDeltaSchema>;
export type OpenAIChunkChoice = z.infer<typeof openAIChunkChoiceSchema>;
export type ChatCompletionChunk = z.infer<typeof chatCompletionChunkSchema>;
