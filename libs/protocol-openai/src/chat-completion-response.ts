import { z } from 'zod';
import { openAIExtraContentSchema } from './chat-completion-request';

/** Why a choice stopped. https://platform.openai.com/docs/api-reference/chat/object */
export const openAIFinishReasonSchema = z.enum([
  'stop',
  'length',
  'tool_calls',
  'content_filter',
  'function_call',
]);

/** Token usage; the `*_details` objects are optional extensions OpenAI documents. */
export const openAIUsageSchema = z.object({
  prompt_tokens: z.number().int().nonnegative(),
  completion_tokens: z.number().int().nonnegative(),
  total_tokens: z.number().int().nonnegative(),
  prompt_tokens_details: z
    .object({
      cached_tokens: z.number().int().nonnegative().optional(),
      audio_tokens: z.number().int().nonnegative().optional(),
    })
    .optional(),
  completion_tokens_details: z
    .object({
      reasoning_tokens: z.number().int().nonnegative().optional(),
      audio_tokens: z.number().int().nonnegative().optional(),
    })
    .optional(),
});

/** A tool call the model made, as returned to the client. */
export const openAIResponseToolCallSchema = z.object({
  id: z.string(),
  type: z.literal('function'),
  function: z.object({ name: z.string(), arguments: z.string() }),
  extra_content: openAIExtraContentSchema.optional(),
});

/** An image the model produced (OpenRouter-style `message.images`). */
export const openAIResponseImageSchema = z.object({
  type: z.literal('image_url'),
  image_url: z.object({ url: z.string() }),
  index: z.number().int().nonnegative().optional(),
});

/** A URL citation from grounding. */
export const openAIAnnotationSchema = z.object({
  type: z.literal('url_citation'),
  url_citation: z.object({
    url: z.string(),
    title: z.string().optional(),
    start_index: z.number().int(),
    end_index: z.number().int(),
  }),
});

/** The assistant message of a non-streamed choice. */
export const openAIResponseMessageSchema = z.object({
  role: z.literal('assistant'),
  content: z.string().nullable(),
  refusal: z.string().nullable().optional(),
  /** Thought summaries (DeepSeek-style field, what most clients read). */
  reasoning_content: z.string().optional(),
  tool_calls: z.array(openAIResponseToolCallSchema).optional(),
  images: z.array(openAIResponseImageSchema).optional(),
  annotations: z.array(openAIAnnotationSchema).optional(),
});

export const openAIChoiceSchema = z.object({
  index: z.number().int().nonnegative(),
  message: openAIResponseMessageSchema,
  logprobs: z.unknown().nullable(),
  finish_reason: openAIFinishReasonSchema.nullable(),
  /** The upstream's own finish reason, lower-cased (OpenRouter convention). */
  native_finish_reason: z.string().optional(),
});

/** `chat.completion` object: the body of a non-streamed response. */
export const chatCompletionResponseSchema = z.object({
  id: z.string(),
  object: z.literal('chat.completion'),
  created: z.number().int(),
  model: z.string(),
  system_fingerprint: z.string().nullable().optional(),
  choices: z.array(openAIChoiceSchema),
  usage: openAIUsageSchema.optional(),
});

export type OpenAIFinishReason = z.infer<typeof openAIFinishReasonSchema>;
export type OpenAIUsage = z.infer<typeof openAIUsageSchema>;
export type OpenAIResponseToolCall = z.infer<typeof openAIResponseToolCallSchema>;
export type OpenAIResponseImage = z.infer<typeof openAIResponseImageSchema>;
export type OpenAIAnnotation = z.infer<typeof openAIAnnotationSchema>;
export type OpenAIResponseMessage = z.infer<typeof openAIResponseMessageSchema>;
export type OpenAIChoice = z.infer<typeof openAIChoiceSchema>;
export type ChatCompletionResponse = z.infer<typeof chatCompletionResponseSchema>;
