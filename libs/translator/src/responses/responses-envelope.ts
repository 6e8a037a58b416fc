import type { GeminiUsageMetadata } from '@geminicli2api/protocol-gemini';
import type {
  ResponsesOutputItem,
  ResponsesRequest,
  ResponsesResponse,
  ResponsesUsage,
} from '@geminicli2api/protocol-openai';
import { convertGeminiUsage } from '../convert-gemini-usage';

/** What identifies one response besides the request it answers. */
export interface ResponsesEnvelopeOptions {
  /** `resp_…`. */
  id: string;
  /** Epoch seconds. */
  createdAt: number;
  /** The model the client asked for (echoed). */
  model?: string;
}

/**
 * The response object for `request` before any output: `in_progress`, the request's settings
 * echoed the way OpenAI echoes them (defaults filled in), no usage yet.
 */
export function createResponsesEnvelope(
  request: ResponsesRequest,
  { id, createdAt, model = request.model }: ResponsesEnvelopeOptions,
): ResponsesResponse {
  return {
    id,
    object: 'response',
    created_at: createdAt,
    status: 'in_progress',
    error: null,
    incomplete_details: null,
    instructions: request.instructions ?? null,
    max_output_tokens: request.max_output_tokens ?? null,
    model,
    output: [],
    parallel_tool_calls: request.parallel_tool_calls ?? true,
    previous_response_id: request.previous_response_id ?? null,
    reasoning: {
      effort: request.reasoning?.effort ?? null,
      summary: request.reasoning?.summary ?? request.reasoning?.generate_summary ?? null,
    },
    store: request.store ?? true,
    temperature: request.temperature ?? 1,
    text: { format: request.text?.format ?? { type: 'text' } },
    tool_choice: request.tool_choice ?? 'auto',
    tools: request.tools ?? [],
    top_p: request.top_p ?? 1,
    truncation: request.truncation ?? 'disabled',
    usage: null,
    user: request.user ?? null,
    metadata: request.metadata ?? {},
  };
}

/** Gemini usage → Responses usage (output tokens include reasoning tokens, as OpenAI counts). */
export function convertResponsesUsage(usage: GeminiUsageMetadata | undefined): ResponsesUsage {
  const chat = convertGeminiUsage(usage);
  return {
    input_tokens: chat.prompt_tokens,
    input_tokens_details: { cached_tokens: chat.prompt_tokens_details?.cached_tokens ?? 0 },
    output_tokens: chat.completion_tokens,
    output_tokens_details: {
      reasoning_tokens: chat.completion_tokens_details?.reasoning_tokens ?? 0,
    },
    total_tokens: chat.total_tokens,
  };
}

/** The item as a client sees it: `encrypted_content` only when it asked for it. */
export function visibleItem(
  item: ResponsesOutputItem,
  includeEncrypted: boolean,
): ResponsesOutputItem {
  if (item.type !== 'reasoning' || includeEncrypted || item.encrypted_content == null) return item;
  const { encrypted_content: _hidden, ...rest } = item;
  return rest;
}

/** The response as a client sees it (see {@link visibleItem}); itself when nothing is hidden. */
export function visibleResponse(
  response: ResponsesResponse,
  includeEncrypted: boolean,
): ResponsesResponse {
  const hides = (item: ResponsesOutputItem) =>
    item.type === 'reasoning' && item.encrypted_content != null;
  if (includeEncrypted || !response.output.some(hides)) return response;
  return { ...response, output: response.output.map((item) => visibleItem(item, false)) };
}
