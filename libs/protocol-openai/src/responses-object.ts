import { z } from 'zod';
import { responsesLocalShellActionSchema } from './responses-input';

/**
 * The response object of the Responses API and its output items, as the gateway builds them.
 * https://platform.openai.com/docs/api-reference/responses/object
 */

/** A citation inside output text (Google Search grounding). */
export const responsesUrlCitationSchema = z.object({
  type: z.literal('url_citation'),
  url: z.string(),
  title: z.string(),
  start_index: z.number().int(),
  end_index: z.number().int(),
});

/** Text the model produced. */
export const responsesOutputTextPartSchema = z.object({
  type: z.literal('output_text'),
  text: z.string(),
  annotations: z.array(responsesUrlCitationSchema),
  logprobs: z.array(z.unknown()).optional(),
});

/** An assistant message. */
export const responsesOutputMessageSchema = z.object({
  type: z.literal('message'),
  id: z.string(),
  role: z.literal('assistant'),
  status: z.enum(['in_progress', 'completed', 'incomplete']),
  content: z.array(responsesOutputTextPartSchema),
});

/** A function call for the client to run. */
export const responsesOutputFunctionCallSchema = z.object({
  type: z.literal('function_call'),
  id: z.string(),
  call_id: z.string(),
  name: z.string(),
  arguments: z.string(),
  status: z.enum(['in_progress', 'completed', 'incomplete']),
});

/** A custom (freeform) tool call: `input` is the one string the tool takes. */
export const responsesOutputCustomToolCallSchema = z.object({
  type: z.literal('custom_tool_call'),
  id: z.string(),
  call_id: z.string(),
  name: z.string(),
  input: z.string(),
  status: z.enum(['in_progress', 'completed', 'incomplete']).optional(),
});

/** A call of the built-in `local_shell` tool: a command for the client to run. */
export const responsesOutputLocalShellCallSchema = z.object({
  type: z.literal('local_shell_call'),
  id: z.string(),
  call_id: z.string(),
  action: responsesLocalShellActionSchema,
  status: z.enum(['in_progress', 'completed', 'incomplete']),
});

/**
 * Reasoning: Gemini's thought summaries as `summary_text`, and (when the client includes
 * `reasoning.encrypted_content`) the thought signatures, opaque, in `encrypted_content`.
 */
export const responsesOutputReasoningSchema = z.object({
  type: z.literal('reasoning'),
  id: z.string(),
  summary: z.array(z.object({ type: z.literal('summary_text'), text: z.string() })),
  encrypted_content: z.string().nullish(),
  status: z.enum(['in_progress', 'completed', 'incomplete']).optional(),
});

/** One output item. */
export const responsesOutputItemSchema = z.discriminatedUnion('type', [
  responsesOutputMessageSchema,
  responsesOutputFunctionCallSchema,
  responsesOutputCustomToolCallSchema,
  responsesOutputLocalShellCallSchema,
  responsesOutputReasoningSchema,
]);

/** Token usage; output tokens include reasoning tokens. */
export const responsesUsageSchema = z.object({
  input_tokens: z.number().int(),
  input_tokens_details: z.object({ cached_tokens: z.number().int() }),
  output_tokens: z.number().int(),
  output_tokens_details: z.object({ reasoning_tokens: z.number().int() }),
  total_tokens: z.number().int(),
});

/** The response object. */
export const responsesResponseSchema = z.object({
  id: z.string(),
  object: z.literal('response'),
  created_at: z.number().int(),
  status: z.enum(['completed', 'incomplete', 'failed', 'in_progress', 'cancelled', 'queued']),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  incomplete_details: z.object({ reason: z.string() }).nullable(),
  instructions: z.string().nullable(),
  max_output_tokens: z.number().int().nullable(),
  model: z.string(),
  output: z.array(responsesOutputItemSchema),
  parallel_tool_calls: z.boolean(),
  previous_response_id: z.string().nullable(),
  reasoning: z.object({ effort: z.string().nullable(), summary: z.string().nullable() }),
  store: z.boolean(),
  temperature: z.number().nullable(),
  text: z.object({ format: z.looseObject({ type: z.string() }) }),
  tool_choice: z.unknown(),
  tools: z.array(z.unknown()),
  top_p: z.number().nullable(),
  truncation: z.string(),
  usage: responsesUsageSchema.nullable(),
  user: z.string().nullable(),
  metadata: z.record(z.string(), z.string()),
});

/** `DELETE /v1/responses/{id}`. */
export const responsesDeletedSchema = z.object({
  id: z.string(),
  object: z.literal('response'),
  deleted: z.literal(true),
});

/** `POST /v1/responses/input_tokens`. */
export const responsesInputTokensSchema = z.object({
  object: z.literal('response.input_tokens'),
  input_tokens: z.number().int(),
});

export type ResponsesUrlCitation = z.infer<typeof responsesUrlCitationSchema>;
export type ResponsesOutputMessage = z.infer<typeof responsesOutputMessageSchema>;
export type ResponsesOutputFunctionCall = z.infer<typeof responsesOutputFunctionCallSchema>;
export type ResponsesOutputCustomToolCall = z.infer<typeof responsesOutputCustomToolCallSchema>;
export type ResponsesOutputLocalShellCall = z.infer<typeof responsesOutputLocalShellCallSchema>;
export type ResponsesOutputReasoning = z.infer<typeof responsesOutputReasoningSchema>;
export type ResponsesOutputItem = z.infer<typeof responsesOutputItemSchema>;
export type ResponsesUsage = z.infer<typeof responsesUsageSchema>;
export type ResponsesResponse = z.infer<typeof responsesResponseSchema>;
export type ResponsesDeleted = z.infer<typeof responsesDeletedSchema>;
export type ResponsesInputTokens = z.infer<typeof responsesInputTokensSchema>;
