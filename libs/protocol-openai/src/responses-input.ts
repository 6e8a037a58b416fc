import { z } from 'zod';

/**
 * Input items of the OpenAI Responses API (`input` of `POST /v1/responses`).
 * https://platform.openai.com/docs/api-reference/responses/create#responses-create-input
 *
 * Lenient where clients are sloppy (`null` for absent fields, unknown keys stripped), strict on
 * what the gateway acts on (item and part types, roles), so a mistake is a 400 naming its path.
 */

/** Text typed by the user (or developer / system). */
export const responsesInputTextSchema = z.object({
  type: z.literal('input_text'),
  text: z.string(),
});

/** An image by URL (http(s) or data URL); `file_id` cannot be read by Gemini. */
export const responsesInputImageSchema = z.object({
  type: z.literal('input_image'),
  image_url: z.string().nullish(),
  file_id: z.string().nullish(),
  detail: z.enum(['low', 'high', 'auto']).nullish(),
});

/** A file sent inline (`file_data`, a data URL or base64 with a `filename`). */
export const responsesInputFileSchema = z.object({
  type: z.literal('input_file'),
  file_data: z.string().nullish(),
  file_id: z.string().nullish(),
  file_url: z.string().nullish(),
  filename: z.string().nullish(),
});

/** Text the model produced earlier, sent back as part of an assistant message. */
export const responsesOutputTextSchema = z.object({
  type: z.literal('output_text'),
  text: z.string(),
  annotations: z.array(z.unknown()).nullish(),
});

/** A refusal the model produced earlier. */
export const responsesRefusalSchema = z.object({
  type: z.literal('refusal'),
  refusal: z.string(),
});

const partTypes = 'input_text, input_image, input_file, output_text, refusal';

/** One content part of a message item. */
export const responsesContentPartSchema = z.discriminatedUnion(
  'type',
  [
    responsesInputTextSchema,
    responsesInputImageSchema,
    responsesInputFileSchema,
    responsesOutputTextSchema,
    responsesRefusalSchema,
  ],
  { error: () => `Unknown content part type; supported: ${partTypes}.` },
);

/** Content of a tool output: text, or parts (text, images, files). */
const toolOutputSchema = z.union([
  z.string(),
  z.array(
    z.discriminatedUnion(
      'type',
      [responsesInputTextSchema, responsesInputImageSchema, responsesInputFileSchema],
      { error: () => 'Unknown output part type; supported: input_text, input_image, input_file.' },
    ),
  ),
]);

/** A message; `type` may be omitted (the "easy" input message form). */
export const responsesMessageItemSchema = z.object({
  type: z.literal('message'),
  id: z.string().nullish(),
  role: z.enum(['user', 'assistant', 'system', 'developer']),
  content: z.union([z.string(), z.array(responsesContentPartSchema)]),
  status: z.string().nullish(),
});

/** A function call the model made earlier. */
export const responsesFunctionCallItemSchema = z.object({
  type: z.literal('function_call'),
  id: z.string().nullish(),
  call_id: z.string().min(1),
  name: z.string().min(1),
  arguments: z.string(),
  status: z.string().nullish(),
});

/** The client's result for a function call. */
export const responsesFunctionCallOutputItemSchema = z.object({
  type: z.literal('function_call_output'),
  id: z.string().nullish(),
  call_id: z.string().min(1),
  output: toolOutputSchema,
  status: z.string().nullish(),
});

/** A call of a custom (freeform) tool, e.g. Codex's `apply_patch`: one string of input. */
export const responsesCustomToolCallItemSchema = z.object({
  type: z.literal('custom_tool_call'),
  id: z.string().nullish(),
  call_id: z.string().min(1),
  name: z.string().min(1),
  input: z.string(),
  status: z.string().nullish(),
});

/** The client's result for a custom tool call. */
export const responsesCustomToolCallOutputItemSchema = z.object({
  type: z.literal('custom_tool_call_output'),
  id: z.string().nullish(),
  call_id: z.string().min(1),
  output: toolOutputSchema,
});

/** A reasoning summary entry. */
export const responsesSummaryTextSchema = z.object({
  type: z.literal('summary_text'),
  text: z.string(),
});

/**
 * A reasoning item sent back. `encrypted_content` is opaque to the client; this gateway keeps
 * Gemini thought signatures in it.
 */
export const responsesReasoningItemSchema = z.object({
  type: z.literal('reasoning'),
  id: z.string().nullish(),
  summary: z.array(responsesSummaryTextSchema).nullish(),
  content: z.array(z.looseObject({ type: z.string(), text: z.string().nullish() })).nullish(),
  encrypted_content: z.string().nullish(),
  status: z.string().nullish(),
});

/** What a `local_shell` call asks the client to run. */
export const responsesLocalShellActionSchema = z.object({
  type: z.literal('exec'),
  command: z.array(z.string()),
  timeout_ms: z.number().int().nullish(),
  working_directory: z.string().nullish(),
  env: z.record(z.string(), z.string()).nullish(),
  user: z.string().nullish(),
});

/** A call of the built-in `local_shell` tool made earlier. */
export const responsesLocalShellCallItemSchema = z.object({
  type: z.literal('local_shell_call'),
  id: z.string().nullish(),
  call_id: z.string().min(1),
  action: responsesLocalShellActionSchema,
  status: z.string().nullish(),
});

/** The output of a `local_shell` call (`id` is the call's id; `call_id` is accepted too). */
export const responsesLocalShellCallOutputItemSchema = z
  .object({
    type: z.literal('local_shell_call_output'),
    id: z.string().nullish(),
    call_id: z.string().nullish(),
    output: z.string(),
    status: z.string().nullish(),
  })
  .refine((item) => Boolean(item.call_id ?? item.id), {
    message: 'A local_shell_call_output needs the id of its call.',
    path: ['id'],
  });

const itemTypes =
  'message, function_call, function_call_output, custom_tool_call, custom_tool_call_output, local_shell_call, local_shell_call_output, reasoning';

/** One input item. */
export const responsesInputItemSchema = z.preprocess(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !('type' in value) &&
    'role' in value
      ? { ...value, type: 'message' }
      : value,
  z.discriminatedUnion(
    'type',
    [
      responsesMessageItemSchema,
      responsesFunctionCallItemSchema,
      responsesFunctionCallOutputItemSchema,
      responsesCustomToolCallItemSchema,
      responsesCustomToolCallOutputItemSchema,
      responsesLocalShellCallItemSchema,
      responsesLocalShellCallOutputItemSchema,
      responsesReasoningItemSchema,
    ],
    { error: () => `Unknown or unsupported input item type; supported: ${itemTypes}.` },
  ),
);

export type ResponsesContentPart = z.infer<typeof responsesContentPartSchema>;
export type ResponsesMessageItem = z.infer<typeof responsesMessageItemSchema>;
export type ResponsesFunctionCallItem = z.infer<typeof responsesFunctionCallItemSchema>;
export type ResponsesFunctionCallOutputItem = z.infer<typeof responsesFunctionCallOutputItemSchema>;
export type ResponsesCustomToolCallItem = z.infer<typeof responsesCustomToolCallItemSchema>;
export type ResponsesCustomToolCallOutputItem = z.infer<
  typeof responsesCustomToolCallOutputItemSchema
>;
export type ResponsesLocalShellAction = z.infer<typeof responsesLocalShellActionSchema>;
export type ResponsesLocalShellCallItem = z.infer<typeof responsesLocalShellCallItemSchema>;
export type ResponsesReasoningItem = z.infer<typeof responsesReasoningItemSchema>;
export type ResponsesInputItem = z.infer<typeof responsesInputItemSchema>;
