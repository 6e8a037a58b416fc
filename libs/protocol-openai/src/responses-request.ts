import { z } from 'zod';
import { responsesInputItemSchema } from './responses-input';

/**
 * The request body of `POST /v1/responses` (and of `POST /v1/responses/input_tokens`).
 * https://platform.openai.com/docs/api-reference/responses/create
 */

/** A function tool (flat: `name` sits on the tool, not under `function`). */
export const responsesFunctionToolSchema = z.object({
  type: z.literal('function'),
  name: z.string().min(1).max(64),
  description: z.string().nullish(),
  parameters: z.record(z.string(), z.unknown()).nullish(),
  strict: z.boolean().nullish(),
});

/** A custom (freeform) tool: the model sends one string (Codex's `apply_patch`). */
export const responsesCustomToolSchema = z.object({
  type: z.literal('custom'),
  name: z.string().min(1).max(64),
  description: z.string().nullish(),
  format: z.looseObject({ type: z.string() }).nullish(),
});

/** A group of function tools under a name (Codex sends one); flattened for Gemini. */
export const responsesNamespaceToolSchema = z.object({
  type: z.literal('namespace'),
  name: z.string().nullish(),
  description: z.string().nullish(),
  tools: z.array(z.union([responsesFunctionToolSchema, responsesCustomToolSchema])),
});

/**
 * Every other tool: `web_search` (and its dated / preview names, served by Google Search),
 * `local_shell`, or kinds Gemini cannot serve (the translator names them in a 400).
 */
export const responsesOtherToolSchema = z
  .looseObject({ type: z.string() })
  .refine((tool) => !['function', 'custom', 'namespace'].includes(tool.type), {
    message: 'Invalid tool definition.',
  });

/** One entry of `tools[]`. */
export const responsesToolSchema = z.union([
  responsesFunctionToolSchema,
  responsesCustomToolSchema,
  responsesNamespaceToolSchema,
  responsesOtherToolSchema,
]);

/** `tool_choice`. */
export const responsesToolChoiceSchema = z.union([
  z.enum(['none', 'auto', 'required']),
  z.object({ type: z.enum(['function', 'custom']), name: z.string().min(1) }),
  z.object({
    type: z.literal('allowed_tools'),
    mode: z.enum(['auto', 'required']),
    tools: z.array(z.looseObject({ type: z.string(), name: z.string().nullish() })),
  }),
  z.looseObject({ type: z.string() }),
]);

/** `text.format`. */
export const responsesTextFormatSchema = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('text') }),
    z.object({ type: z.literal('json_object') }),
    z.object({
      type: z.literal('json_schema'),
      name: z.string().min(1),
      schema: z.record(z.string(), z.unknown()),
      description: z.string().nullish(),
      strict: z.boolean().nullish(),
    }),
  ],
  { error: () => 'Unknown text format type; supported: text, json_object, json_schema.' },
);

/** `reasoning`. */
export const responsesReasoningOptionsSchema = z.object({
  effort: z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh']).nullish(),
  summary: z.enum(['auto', 'concise', 'detailed']).nullish(),
  /** Deprecated name of `summary`. */
  generate_summary: z.enum(['auto', 'concise', 'detailed']).nullish(),
});

/** The request body of `POST /v1/responses`. */
export const responsesRequestSchema = z.object({
  model: z.string().min(1),
  input: z.union([z.string(), z.array(responsesInputItemSchema)]).nullish(),
  instructions: z.string().nullish(),
  stream: z.boolean().nullish(),
  stream_options: z.object({ include_obfuscation: z.boolean().nullish() }).nullish(),
  /** Keep the response for `GET`, `previous_response_id` and `input_items` (default true). */
  store: z.boolean().nullish(),
  previous_response_id: z.string().min(1).nullish(),
  /** `reasoning.encrypted_content` returns Gemini thought signatures to stateless clients. */
  include: z.array(z.string()).nullish(),
  tools: z.array(responsesToolSchema).nullish(),
  tool_choice: responsesToolChoiceSchema.nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  max_tool_calls: z.number().int().positive().nullish(),
  text: z
    .object({
      format: responsesTextFormatSchema.nullish(),
      verbosity: z.enum(['low', 'medium', 'high']).nullish(),
    })
    .nullish(),
  reasoning: responsesReasoningOptionsSchema.nullish(),
  max_output_tokens: z.number().int().positive().nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  top_logprobs: z.number().int().min(0).max(20).nullish(),
  /** Up to 16 string pairs, echoed back. */
  metadata: z.record(z.string().max(64), z.string().max(512)).nullish(),
  user: z.string().nullish(),
  safety_identifier: z.string().nullish(),
  prompt_cache_key: z.string().nullish(),
  service_tier: z.string().nullish(),
  truncation: z.enum(['auto', 'disabled']).nullish(),
  background: z.boolean().nullish(),
  /** Codex CLI's own data; ignored. */
  client_metadata: z.unknown().optional(),
});

export type ResponsesFunctionTool = z.infer<typeof responsesFunctionToolSchema>;
export type ResponsesCustomTool = z.infer<typeof responsesCustomToolSchema>;
export type ResponsesTool = z.infer<typeof responsesToolSchema>;
export type ResponsesToolChoice = z.infer<typeof responsesToolChoiceSchema>;
export type ResponsesTextFormat = z.infer<typeof responsesTextFormatSchema>;
export type ResponsesRequest = z.infer<typeof responsesRequestSchema>;
/** The request as a client may write it. */
export type ResponsesRequestInput = z.input<typeof responsesRequestSchema>;
