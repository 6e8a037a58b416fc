import type { ResponsesInputItem, ResponsesOutputItem } from '@geminicli2api/protocol-openai';
import { isGeminiReadableUrl } from '../request/convert-content-parts';

/**
 * A response's output items as input items of the next turn (what `previous_response_id` adds
 * to the conversation): messages, calls and reasoning, with `encrypted_content` kept so thought
 * signatures return to their parts.
 */
export function outputItemsToInput(output: readonly ResponsesOutputItem[]): ResponsesInputItem[] {
  return output.map((item): ResponsesInputItem => {
    switch (item.type) {
      case 'message':
        return {
          type: 'message',
          id: item.id,
          role: 'assistant',
          content: item.content.map((part) => ({
            type: 'output_text',
            text: part.text,
            annotations: part.annotations,
          })),
          status: item.status,
        };
      case 'function_call':
        return { ...item };
      case 'custom_tool_call':
        return { ...item };
      case 'local_shell_call':
        return { ...item };
      case 'reasoning':
        return {
          type: 'reasoning',
          id: item.id,
          summary: item.summary,
          encrypted_content: item.encrypted_content,
        };
      default: {
        const exhaustive: never = item;
        return exhaustive;
      }
    }
  });
}

const PREFIXES: Record<ResponsesInputItem['type'], string> = {
  message: 'msg',
  function_call: 'fc',
  function_call_output: 'fco',
  custom_tool_call: 'ctc',
  custom_tool_call_output: 'ctco',
  local_shell_call: 'lsh',
  local_shell_call_output: 'lsho',
  reasoning: 'rs',
};

/**
 * The input as a list of items, each with an `id` (`input_items` lists them): a string input
 * becomes one user message; items the client sent without an id get `<prefix>_<generated>`.
 */
export function identifyInputItems(
  input: string | readonly ResponsesInputItem[] | null | undefined,
  generateId: () => string,
): ResponsesInputItem[] {
  return responsesInputItems(input).map((item) =>
    item.id ? item : { ...item, id: `${PREFIXES[item.type]}_${generateId()}` },
  );
}

/**
 * The input as a list of items, as sent (a string input becomes one user message): what a
 * response that is not stored needs, since only stored input is listed with ids.
 */
export function responsesInputItems(
  input: string | readonly ResponsesInputItem[] | null | undefined,
): readonly ResponsesInputItem[] {
  return typeof input === 'string'
    ? [{ type: 'message', role: 'user', content: input }]
    : (input ?? []);
}

/**
 * The http(s) image URLs of Responses input that Gemini cannot read itself (see
 * `collectRemoteMediaUrls` for chat): the caller fetches them and passes `remoteMedia`.
 */
export function collectResponsesMediaUrls(
  input: string | readonly ResponsesInputItem[] | null | undefined,
): string[] {
  if (typeof input === 'string' || !input) return [];
  const urls = new Set<string>();
  for (const item of input) {
    const parts =
      item.type === 'message'
        ? item.content
        : item.type === 'function_call_output' || item.type === 'custom_tool_call_output'
          ? item.output
          : undefined;
    if (!Array.isArray(parts)) continue;
    for (const part of parts) {
      if (part.type !== 'input_image' || !part.image_url) continue;
      if (/^https?:\/\//i.test(part.image_url) && !isGeminiReadableUrl(part.image_url))
        urls.add(part.image_url);
    }
  }
  return [...urls];
}
