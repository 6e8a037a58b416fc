import { z } from 'zod';
import { openAIContentPartSchema } from './chat-content-parts';

/**
 * Inbound OpenAI Chat Completions request.
 *
 * Lenient where real clients are sloppy (optional fields accept `null`, unknown keys are
 * stripped) and strict where the gateway acts on a value (roles, `n`, numeric ranges), so a bad
 * request fails with the offending path instead of a confusing upstream error.
 * https://platform.openai.com/docs/api-reference/chat/create
 */

const contentSchema = z.union([z.string(), z.array(openAIContentPartSchema)]);

/**
 * Vendor data Google's own OpenAI-compatible endpoint attaches to tool calls; carries Gemini 3
 * thought signatures. https://ai.google.dev/gemini-api/docs/thought-signatures
 */
export const openAIExtraContentSchema = z.looseObject({
  google: z.looseObject({ thought_signature: z.string().nullish() }).nullish(),
});

/** LiteLLM-style vendor fields on a tool call (its SDK keeps thought signatures here). */
export const openAIProviderSpecificFieldsSchema = z.looseObject({
  thought_signature: z.string().nullish(),
});

/** A tool call inside an assistant message. */
export const openAIToolCallSchema = z.looseObject({
  id: z.string(),
  type: z.literal('function').default('function'),
  function: z.looseObject({
    name: z.string().min(1),
    arguments: z
      .string()
      .nullish()
      .transform((value) => value ?? ''),
    extra_content: openAIExtraContentSchema.nullish(),
    provider_specific_fields: openAIProviderSpecificFieldsSchema.nullish(),
  }),
  extra_content: openAIExtraContentSchema.nullish(),
  provider_specific_fields: openAIProviderSpecificFieldsSchema.nullish(),
});

export const openAISystemMessageSchema = z.object({
  role: z.literal('system'),
  content: contentSchema,
  name: z.string().nullish(),
});

export const openAIDeveloperMessageSchema = z.object({
  role: z.literal('developer'),
  content: contentSchema,
  name: z.string().nullish(),
});

export const openAIUserMessageSchema = z.object({
  role: z.literal('user'),
  content: contentSchema,
  name: z.string().nullish(),
});

export const openAIAssistantMessageSchema = z.object({
  role: z.literal('assistant'),
  content: contentSchema.nullish(),
  name: z.string().nullish(),
  refusal: z.string().nullish(),
  tool_calls: z.array(openAIToolCallSchema).nullish(),
  /** Deprecated single function call. */
  function_call: z.object({ name: z.string(), arguments: z.string() }).nullish(),
  /** Non-standard, echoed by some clients; not sent upstream. */
  reasoning_content: z.string().nullish(),
});

export const openAIToolMessageSchema = z.object({
  role: z.literal('tool'),
  content: contentSchema,
  tool_call_id: z.string(),
  name: z.string().nullish(),
});

/** Deprecated `function` role result. */
export const openAIFunctionMessageSchema = z.object({
  role: z.literal('function'),
  content: z.string().nullish(),
  name: z.string(),
});

/** One chat message; the role decides the shape. */
export const openAIChatMessageSchema = z.discriminatedUnion('role', [
  openAISystemMessageSchema,
  openAIDeveloperMessageSchema,
  openAIUserMessageSchema,
  openAIAssistantMessageSchema,
  openAIToolMessageSchema,
  openAIFunctionMessageSchema,
]);

/** A function the model may call. */
export const openAIFunctionDefinitionSchema = z.object({
  name: z.string().min(1).max(64),
  description: z.string().nullish(),
  parameters: z.record(z.string(), z.unknown()).nullish(),
  strict: z.boolean().nullish(),
});

export const openAIToolSchema = z.object({
  type: z.literal('function'),
  function: openAIFunctionDefinitionSchema,
});

/**
 * Any other entry of `tools[]`: Gemini built-ins (`{googleSearch:{}}`, `{code_execution:{}}`,
 * optionally with a `type`) or tool kinds the translator rejects by name (`custom`, …).
 */
export const openAIOtherToolSchema = z
  .looseObject({ type: z.string().optional() })
  .refine((tool) => tool.type !== 'function', {
    message: 'A function tool needs a valid "function".',
  });

/** One entry of `tools[]`. */
export const openAIAnyToolSchema = z.union([openAIToolSchema, openAIOtherToolSchema]);

/** Google's thinking settings as its OpenAI-compatible endpoint accepts them (snake or camel). */
export const openAIGoogleThinkingConfigSchema = z.looseObject({
  thinking_budget: z.number().int().nullish(),
  thinkingBudget: z.number().int().nullish(),
  thinking_level: z.string().nullish(),
  thinkingLevel: z.string().nullish(),
  include_thoughts: z.boolean().nullish(),
  includeThoughts: z.boolean().nullish(),
});

/** `google: {...}` vendor block (Google's OpenAI-compatible endpoint convention). */
export const openAIGoogleExtensionSchema = z.looseObject({
  thinking_config: openAIGoogleThinkingConfigSchema.nullish(),
  thinkingConfig: openAIGoogleThinkingConfigSchema.nullish(),
  cached_content: z.string().nullish(),
  safety_settings: z
    .array(z.looseObject({ category: z.string(), threshold: z.string() }))
    .nullish(),
});

/** OpenRouter-style `reasoning: {effort, max_tokens, exclude}`. */
export const openAIReasoningOptionsSchema = z.looseObject({
  effort: z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh']).nullish(),
  max_tokens: z.number().int().nonnegative().nullish(),
  exclude: z.boolean().nullish(),
  enabled: z.boolean().nullish(),
});

/** Anthropic-style `thinking: {type, budget_tokens}` (LiteLLM convention). */
export const openAIThinkingOptionsSchema = z.looseObject({
  type: z.enum(['enabled', 'disabled']).nullish(),
  budget_tokens: z.number().int().nonnegative().nullish(),
});

export const openAIToolChoiceSchema = z.union([
  z.enum(['none', 'auto', 'required']),
  z.object({ type: z.literal('function'), function: z.object({ name: z.string() }) }),
  z.object({
    type: z.literal('allowed_tools'),
    allowed_tools: z.object({
      mode: z.enum(['auto', 'required']),
      tools: z.array(
        z.object({ type: z.literal('function'), function: z.object({ name: z.string() }) }),
      ),
    }),
  }),
]);

export const openAIResponseFormatSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text') }),
  z.object({ type: z.literal('json_object') }),
  z.object({
    type: z.literal('json_schema'),
    json_schema: z.object({
      name: z.string(),
      description: z.string().nullish(),
      schema: z.record(z.string(), z.unknown()).nullish(),
      strict: z.boolean().nullish(),
    }),
  }),
]);

/** The request body of `POST /v1/chat/completions`. */
export const chatCompletionRequestSchema = z.object({
  model: z.string().min(1),
  messages: z.array(openAIChatMessageSchema).min(1),
  stream: z.boolean().nullish(),
  stream_options: z.object({ include_usage: z.boolean().nullish() }).nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  /** Non-standard but common. */
  top_k: z.number().int().positive().nullish(),
  n: z.number().int().min(1).max(8).nullish(),
  stop: z.union([z.string(), z.array(z.string()).max(5)]).nullish(),
  max_tokens: z.number().int().positive().nullish(),
  max_completion_tokens: z.number().int().positive().nullish(),
  presence_penalty: z.number().min(-2).max(2).nullish(),
  frequency_penalty: z.number().min(-2).max(2).nullish(),
  seed: z.number().int().nullish(),
  logprobs: z.boolean().nullish(),
  top_logprobs: z.number().int().min(0).max(20).nullish(),
  logit_bias: z.record(z.string(), z.number()).nullish(),
  response_format: openAIResponseFormatSchema.nullish(),
  tools: z.array(openAIAnyToolSchema).nullish(),
  tool_choice: openAIToolChoiceSchema.nullish(),
  functions: z.array(openAIFunctionDefinitionSchema).nullish(),
  function_call: z.union([z.enum(['none', 'auto']), z.object({ name: z.string() })]).nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  reasoning_effort: z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh']).nullish(),
  modalities: z.array(z.string()).nullish(),
  web_search_options: z.record(z.string(), z.unknown()).nullish(),
  user: z.string().nullish(),
  /** OpenRouter-style reasoning options. */
  reasoning: openAIReasoningOptionsSchema.nullish(),
  /** Anthropic-style thinking options. */
  thinking: openAIThinkingOptionsSchema.nullish(),
  /** Google's compat vendor block (what `extra_body={"google":…}` becomes on the wire). */
  google: openAIGoogleExtensionSchema.nullish(),
  /** A literal `extra_body` key (clients copying Google's Python sample nest it). */
  extra_body: z.looseObject({ google: openAIGoogleExtensionSchema.nullish() }).nullish(),
  /** CPA-style escape hatch: Gemini `generationConfig` keys, allowlisted by the translator. */
  generationConfig: z.record(z.string(), z.unknown()).nullish(),
  /** LiteLLM-style Gemini safety settings. */
  safety_settings: z
    .array(z.looseObject({ category: z.string(), threshold: z.string() }))
    .nullish(),
  /** LiteLLM-style cached content name. */
  cached_content: z.string().nullish(),
});

export type OpenAIToolCall = z.infer<typeof openAIToolCallSchema>;
export type OpenAIChatMessage = z.infer<typeof openAIChatMessageSchema>;
export type OpenAIFunctionDefinition = z.infer<typeof openAIFunctionDefinitionSchema>;
export type OpenAITool = z.infer<typeof openAIToolSchema>;
export type OpenAIAnyTool = z.infer<typeof openAIAnyToolSchema>;
export type OpenAIGoogleExtension = z.infer<typeof openAIGoogleExtensionSchema>;
export type OpenAIGoogleThinkingConfig = z.infer<typeof openAIGoogleThinkingConfigSchema>;
export type OpenAIToolChoice = z.infer<typeof openAIToolChoiceSchema>;
export type OpenAIResponseFormat = z.infer<typeof openAIResponseFormatSchema>;
export type ChatCompletionRequest = z.infer<typeof chatCompletionRequestSchema>;
/** The request as a client may write it (before defaults are applied). */
export type ChatCompletionRequestInput = z.input<typeof chatCompletionRequestSchema>;
