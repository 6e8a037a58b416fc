import type { GenerateContentResponse } from '@geminicli2api/protocol-gemini';
import type {
  AnthropicResponseContentBlock,
  MessageStreamEvent,
  MessagesResponse,
} from '@geminicli2api/protocol-anthropic';
import { anthropicMessageOutput } from './anthropic-output';
import {
  createAnthropicTranslation,
  type AnthropicStreamOptions,
} from './create-anthropic-stream-translator';

/**
 * Converts a Gemini `generateContent` response into an Anthropic `message`: the same blocks,
 * in the same order, with the same signatures as the stream converter produces (it is the same
 * translation, writing the message instead of events).
 */
export function convertGeminiResponseToAnthropic(
  response: GenerateContentResponse,
  options: AnthropicStreamOptions,
): MessagesResponse {
  const output = anthropicMessageOutput();
  const translation = createAnthropicTranslation(options, output);
  translation.push(response);
  translation.end();
  return output.message();
}

/**
 * Folds stream events into the `message` they describe (what the Anthropic SDK does); the specs
 * hold the streamed answer, folded, equal to the non-streamed one.
 */
export function foldAnthropicStream(events: readonly MessageStreamEvent[]): MessagesResponse {
  let message: MessagesResponse | undefined;
  const json = new Map<number, string>();
  for (const event of events) {
    if (event.type === 'message_start') message = { ...event.message, content: [] };
    if (!message) continue;
    const content: AnthropicResponseContentBlock[] = message.content;
    if (event.type === 'content_block_start') content[event.index] = { ...event.content_block };
    else if (event.type === 'content_block_delta') {
      const block = content[event.index];
      const delta = event.delta;
      if (block?.type === 'text' && delta.type === 'text_delta') block.text += delta.text;
      else if (block?.type === 'thinking' && delta.type === 'thinking_delta')
        block.thinking += delta.thinking;
      else if (block?.type === 'thinking' && delta.type === 'signature_delta')
        block.signature = delta.signature;
      else if (delta.type === 'input_json_delta')
        json.set(event.index, (json.get(event.index) ?? '') + delta.partial_json);
    } else if (event.type === 'content_block_stop') {
      const block = content[event.index];
      const text = json.get(event.index);
      if ((block?.type === 'tool_use' || block?.type === 'server_tool_use') && text)
        block.input = JSON.parse(text) as Record<string, unknown>;
    } else if (event.type === 'message_delta') {
      message.stop_reason = event.delta.stop_reason;
      message.stop_sequence = event.delta.stop_sequence;
      message.usage = {
        ...message.usage,
        ...event.usage,
        input_tokens: event.usage.input_tokens ?? message.usage.input_tokens,
      };
    }
  }
  if (!message) throw new Error('foldAnthropicStream: no message_start event');
  return message;
}
