import type { GenerateContentRequest } from '@geminicli2api/protocol-gemini';
import type { ChatCompletionRequest, ResponsesRequest } from '@geminicli2api/protocol-openai';
import { detectModelTraits } from '../model-traits';
import { recoverOpenAIParam } from '../recover-openai-param';
import {
  convertChatRequestToGemini,
  type ConvertRequestOptions,
} from '../request/convert-chat-request-to-gemini';
import type { ToolNameMap, TranslationWarning } from '../translation-options';
import { TranslationError } from '../translator-error';
import { convertResponsesInput } from './convert-responses-input';
import { convertResponsesTools } from './convert-responses-tools';

/** Options of {@link convertResponsesRequestToGemini}: those of the chat direction. */
export type ConvertResponsesRequestOptions = Omit<ConvertRequestOptions, 'dropTrailingAssistant'>;

/** The Gemini request plus what the answer side needs. */
export interface ConvertedResponsesRequest {
  request: GenerateContentRequest;
  /** With Responses paths (`input[2].content[0]`, `tools[1]`…). */
  warnings: TranslationWarning[];
  /** Gemini → client function names that had to be sanitised. */
  toolNames: ToolNameMap;
  /** Custom (freeform) tool names: their calls are answered as `custom_tool_call` items. */
  customTools: ReadonlySet<string>;
  /** `local_shell` was declared: its calls are answered as `local_shell_call` items. */
  localShell: boolean;
  /**
   * The Responses `param` a Google 400 message points at (`contents[3]` → `input[2]`,
   * `function_declarations[1]` → `tools[0].tools[1]`), or undefined.
   */
  recoverParam: (upstreamMessage: string) => string | undefined;
}

/**
 * Converts a Responses API request (its `input` already joined with the stored history of
 * `previous_response_id`, if any) into a Gemini request. Pure and synchronous. It builds the
 * equivalent chat-completion request and runs the shared chat conversion, so content parts,
 * tool schemas, tool-call pairing, thinking (`reasoning.effort` → budget or level) and thought
 * signatures behave exactly as on `/v1/chat/completions`; errors and warnings name Responses
 * paths. Throws `TranslationError` for what Gemini cannot honour.
 */
export function convertResponsesRequestToGemini(
  request: ResponsesRequest,
  options: ConvertResponsesRequestOptions = {},
): ConvertedResponsesRequest {
  const model = options.model ?? request.model;
  const traits = detectModelTraits(model, options.thinking);
  const warnings: TranslationWarning[] = [];
  const { messages, messageParams } = convertResponsesInput(
    request.instructions,
    request.input,
    traits,
  );
  if (!messages.some((message) => message.role !== 'system')) {
    throw new TranslationError({ message: 'input is required.', param: 'input' });
  }
  const tools = convertResponsesTools(request, warnings);
  for (const param of ['top_logprobs', 'max_tool_calls'] as const) {
    if (request[param] != null)
      warnings.push({ param, message: `${param} is not supported with Gemini; ignored.` });
  }
  const chat: ChatCompletionRequest = { model, messages };
  if (tools.tools) chat.tools = tools.tools;
  if (tools.tool_choice !== undefined) chat.tool_choice = tools.tool_choice;
  if (tools.web_search_options) chat.web_search_options = tools.web_search_options;
  if (request.parallel_tool_calls === false) chat.parallel_tool_calls = false;
  if (request.temperature != null) chat.temperature = request.temperature;
  if (request.top_p != null) chat.top_p = request.top_p;
  if (request.max_output_tokens != null) chat.max_completion_tokens = request.max_output_tokens;
  const format = request.text?.format;
  if (format?.type === 'json_object') chat.response_format = { type: 'json_object' };
  if (format?.type === 'json_schema') {
    chat.response_format = {
      type: 'json_schema',
      json_schema: {
        name: format.name,
        schema: format.schema,
        description: format.description,
        strict: format.strict,
      },
    };
  }
  const effort = request.reasoning?.effort;
  const summary = request.reasoning?.summary ?? request.reasoning?.generate_summary;
  // Thoughts come back only as a requested summary, as on OpenAI.
  if (effort) chat.reasoning = { effort, exclude: !summary };
  else if (summary) chat.google = { thinking_config: { include_thoughts: true } };
  const remap = (param: string) => toResponsesParam(param, messageParams, tools.toolParams);
  let converted;
  try {
    converted = convertChatRequestToGemini(chat, { ...options, model });
  } catch (error) {
    if (error instanceof RangeError) {
      // A schema nested thousands of levels deep exhausts the recursive schema conversion.
      throw new TranslationError({
        message: 'The request is nested too deeply to translate (a tool or output schema?).',
        cause: error,
      });
    }
    if (!TranslationError.isInstance(error) || !error.param) throw error;
    throw new TranslationError({
      message: error.message,
      code: error.code,
      param: remap(error.param),
      cause: error,
    });
  }
  for (const warning of converted.warnings)
    warnings.push({ ...warning, param: remap(warning.param) });
  return {
    request: converted.request,
    warnings,
    toolNames: converted.toolNames,
    customTools: tools.customTools,
    localShell: tools.localShell,
    recoverParam: (message) => {
      const param = recoverOpenAIParam(message, converted);
      return param ? remap(param) : undefined;
    },
  };
}

const RENAMES: [RegExp, string][] = [
  [/^response_format\.json_schema\./, 'text.format.'],
  [/^response_format/, 'text.format'],
  [/^reasoning_effort/, 'reasoning.effort'],
  [/^max_completion_tokens/, 'max_output_tokens'],
  [/^web_search_options/, 'tools'],
];

/** A chat path (`messages[3].tool_call_id`, `tools[2].function.parameters`) → its Responses path. */
function toResponsesParam(
  param: string,
  messageParams: readonly string[],
  toolParams: readonly string[],
): string {
  const message = /^messages\[(\d+)\](.*)$/.exec(param);
  if (message) {
    const base = messageParams[Number(message[1])] ?? 'input';
    const rest = (message[2] ?? '')
      .replace(/^\.tool_call_id/, '.call_id')
      .replace(/^\.tool_calls\[\d+\]\.function\./, '.')
      .replace(/\.image_url\.url$/, '.image_url')
      .replace(/\.file\.(\w+)$/, '.$1');
    return base + rest;
  }
  const tool = /^tools\[(\d+)\](?:\.function)?(.*)$/.exec(param);
  if (tool) return (toolParams[Number(tool[1])] ?? 'tools') + (tool[2] ?? '');
  for (const [pattern, replacement] of RENAMES)
    if (pattern.test(param)) return param.replace(pattern, replacement);
  return param;
}
