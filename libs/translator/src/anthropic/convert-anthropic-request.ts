import type {
  GeminiGenerationConfig,
  GeminiThinkingConfig,
  GenerateContentRequest,
} from '@geminicli2api/protocol-gemini';
import type {
  AnthropicTool,
  CountTokensRequest,
  MessagesRequest,
} from '@geminicli2api/protocol-anthropic';
import type { ChatCompletionRequest } from '@geminicli2api/protocol-openai';
import { detectModelTraits, type ModelTraits, type ThinkingStyle } from '../model-traits';
import {
  thinkingForBudget,
  thinkingForEffort,
  warnOnThinkingSwap,
  type ReasoningEffort,
} from '../request/convert-thinking-config';
import type { SignatureCache } from '../signature/signature-cache';
import { convertTools } from '../tools/convert-tools';
import type { ResolvedMedia, ToolNameMap, TranslationWarning } from '../translation-options';
import { TranslationError } from '../translator-error';
import { convertAnthropicMessages } from './convert-anthropic-messages';

/** Options for {@link convertAnthropicRequestToGemini}. */
export interface ConvertAnthropicRequestOptions {
  /** Target Gemini model id (after alias resolution); defaults to `request.model`. */
  model?: string;
  /** Thinking style from a model catalog; otherwise derived from the model id. */
  thinking?: ThinkingStyle;
  /** The model's output limit: a larger `max_tokens` (Claude Code sends 128000) is clamped. */
  maxOutputTokens?: number;
  /** Read side of the thought-signature cache (for clients that drop thinking blocks). */
  signatureCache?: SignatureCache;
  /** Pre-fetched http(s) media by URL (see `collectAnthropicMediaUrls`). */
  remoteMedia?: ReadonlyMap<string, ResolvedMedia>;
  /** Bypass value for unsigned Gemini 3 tool turns (default `skip_thought_signature_validator`). */
  signatureSentinel?: string;
}

/** The translated request and what the response side needs. */
export interface ConvertedAnthropicRequest {
  request: GenerateContentRequest;
  warnings: TranslationWarning[];
  /** Gemini → client tool names that had to be sanitised; pass to the response side. */
  toolNames: ToolNameMap;
  /** The client asked for thinking text to be left out (`display: "omitted"`). */
  omitThinking: boolean;
}

const GEMINI_MAX_STOP_SEQUENCES = 5;

/**
 * Converts an Anthropic Messages request (or a count_tokens one) into a Gemini
 * `GenerateContentRequest`. Pure and synchronous; throws `TranslationError` (with an
 * Anthropic-style `param` such as `messages.1.content.0.tool_use_id`) for requests Gemini cannot
 * honour. Ignored on purpose: `metadata`, `cache_control`, `context_management`, `service_tier`.
 */
export function convertAnthropicRequestToGemini(
  request: MessagesRequest | CountTokensRequest,
  options: ConvertAnthropicRequestOptions = {},
): ConvertedAnthropicRequest {
  const warnings: TranslationWarning[] = [];
  const traits = detectModelTraits(options.model ?? request.model, options.thinking);
  const tools = convertAnthropicTools(request, traits, warnings);
  const messages = convertAnthropicMessages(request.messages, {
    traits,
    toolNames: tools.toGemini,
    signatureCache: options.signatureCache,
    remoteMedia: options.remoteMedia,
    signatureSentinel: options.signatureSentinel,
  });
  warnings.push(...messages.warnings);
  const system =
    typeof request.system === 'string'
      ? [{ text: request.system }]
      : (request.system ?? []).map((block) => ({ text: block.text }));
  const systemParts = [...system, ...messages.systemParts].filter((part) => part.text !== '');
  const out: GenerateContentRequest = {
    contents:
      messages.contents.length > 0 ? messages.contents : [{ role: 'user', parts: [{ text: ' ' }] }],
  };
  if (systemParts.length > 0) out.systemInstruction = { role: 'user', parts: systemParts };
  if (tools.tools) out.tools = tools.tools;
  if (tools.toolConfig) out.toolConfig = tools.toolConfig;
  const config = generationConfig(request, traits, options, warnings);
  if (Object.keys(config).length > 0) out.generationConfig = config;
  const display =
    request.thinking && 'display' in request.thinking ? request.thinking.display : undefined;
  return { request: out, warnings, toolNames: tools.toOpenAI, omitThinking: display === 'omitted' };
}

function convertAnthropicTools(
  request: MessagesRequest | CountTokensRequest,
  traits: ModelTraits,
  warnings: TranslationWarning[],
) {
  const functions: Record<string, unknown>[] = [];
  let webSearch = false;
  (request.tools ?? []).forEach((tool: AnthropicTool, index) => {
    if ('input_schema' in tool) {
      functions.push({
        type: 'function',
        function: { name: tool.name, description: tool.description, parameters: tool.input_schema },
      });
    } else if (typeof tool.type === 'string' && tool.type.startsWith('web_search_')) {
      webSearch = true;
    } else {
      throw new TranslationError({
        message: `tools.${index}.type: the Anthropic tool "${String(tool.type)}" is not available on Gemini; declare it as a custom tool with an input_schema.`,
        param: `tools.${index}.type`,
        code: 'UNSUPPORTED_FEATURE',
      });
    }
  });
  const choice = request.tool_choice;
  let toolChoice: ChatCompletionRequest['tool_choice'];
  if (choice?.type === 'auto') toolChoice = 'auto';
  else if (choice?.type === 'any') toolChoice = 'required';
  else if (choice?.type === 'none') toolChoice = 'none';
  else if (choice?.type === 'tool')
    toolChoice = { type: 'function', function: { name: choice.name } };
  if (choice && 'disable_parallel_tool_use' in choice && choice.disable_parallel_tool_use)
    warnings.push({
      param: 'tool_choice.disable_parallel_tool_use',
      message: 'Gemini cannot disable parallel function calls; ignored.',
    });
  const synthetic = {
    model: request.model,
    messages: [],
    tools: functions,
    ...(toolChoice ? { tool_choice: toolChoice } : {}),
    ...(webSearch ? { web_search_options: {} } : {}),
  } as unknown as ChatCompletionRequest;
  try {
    return convertTools(synthetic, traits, 'json-schema', warnings);
  } catch (error) {
    if (TranslationError.isInstance(error) && error.param) {
      const param = error.param
        .replace(/^tools\[(\d+)\]\.function\.parameters/, 'tools.$1.input_schema')
        .replace(/^tools\[(\d+)\]\.function\.name/, 'tools.$1.name')
        .replace(/^tool_choice$/, 'tool_choice.name');
      throw new TranslationError({ message: error.message, param, code: error.code, cause: error });
    }
    throw error;
  }
}

function generationConfig(
  request: MessagesRequest | CountTokensRequest,
  traits: ModelTraits,
  options: ConvertAnthropicRequestOptions,
  warnings: TranslationWarning[],
): GeminiGenerationConfig {
  const config: GeminiGenerationConfig = {};
  if ('max_tokens' in request) {
    const limit = options.maxOutputTokens;
    config.maxOutputTokens =
      limit !== undefined ? Math.min(request.max_tokens, limit) : request.max_tokens;
    if (request.temperature !== undefined) config.temperature = request.temperature;
    if (request.top_p !== undefined) config.topP = request.top_p;
    if (request.top_k !== undefined) config.topK = request.top_k;
    const stops = (request.stop_sequences ?? []).filter((stop) => stop !== '');
    if (stops.length > GEMINI_MAX_STOP_SEQUENCES)
      warnings.push({
        param: 'stop_sequences',
        message: `Gemini takes at most ${GEMINI_MAX_STOP_SEQUENCES} stop sequences; the rest were dropped.`,
      });
    if (stops.length > 0) config.stopSequences = stops.slice(0, GEMINI_MAX_STOP_SEQUENCES);
  }
  const thinking = thinkingConfig(request, traits, warnings);
  if (thinking && traits.thinking === 'none')
    warnings.push({
      param: 'thinking',
      message: 'This model does not think; thinking settings ignored.',
    });
  else if (thinking) config.thinkingConfig = thinking;
  return config;
}

/**
 * `thinking` (+ `output_config.effort`) → `thinkingConfig`: `enabled` with a budget → that
 * budget on 2.5 and the nearest level on 3.x; `adaptive` → the effort's setting or the model's
 * own default; `disabled` → the least thinking the model allows. Thought text is requested
 * unless the client asked for `display: "omitted"`.
 */
function thinkingConfig(
  request: MessagesRequest | CountTokensRequest,
  traits: ModelTraits,
  warnings: TranslationWarning[],
): GeminiThinkingConfig | undefined {
  const thinking = request.thinking;
  const effort = request.output_config?.effort;
  const forEffort = (asked: ReasoningEffort, param: string) => {
    const config = thinkingForEffort(asked, traits);
    if (traits.thinking !== 'none') warnOnThinkingSwap(param, asked, config, traits, warnings);
    return config;
  };
  if (thinking?.type === 'disabled') return forEffort('none', 'thinking');
  if (!thinking)
    return effort
      ? { ...forEffort(effortOf(effort), 'output_config.effort'), includeThoughts: false }
      : undefined;
  const includeThoughts = thinking.display !== 'omitted';
  if (thinking.type === 'enabled')
    return thinkingForBudget(thinking.budget_tokens, traits, includeThoughts);
  if (effort) return { ...forEffort(effortOf(effort), 'output_config.effort'), includeThoughts };
  return { includeThoughts };
}

function effortOf(effort: string): 'low' | 'medium' | 'high' | 'xhigh' {
  if (effort === 'low' || effort === 'medium' || effort === 'high') return effort;
  return 'xhigh';
}
