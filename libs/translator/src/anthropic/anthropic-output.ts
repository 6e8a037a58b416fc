import type {
  AnthropicContentDelta,
  AnthropicResponseContentBlock,
  MessageDeltaEvent,
  MessageStreamEvent,
  MessagesResponse,
} from '@geminicli2api/protocol-anthropic';

/**
 * Where the Gemini → Anthropic translation puts what it makes: stream events
 * ({@link anthropicEventOutput}) or, for a non-streamed answer, the message itself
 * ({@link anthropicMessageOutput}), built directly with no event made on the way.
 */
export interface AnthropicOutput {
  /** The message as it starts (no content yet). */
  start(message: MessagesResponse): void;
  /** A new content block at `index`, with its initial (empty) content. */
  openBlock(index: number, block: AnthropicResponseContentBlock): void;
  /** Text, thinking or a signature added to the block at `index`. */
  delta(index: number, delta: Exclude<AnthropicContentDelta, { type: 'input_json_delta' }>): void;
  /** The whole input of the tool_use (or server_tool_use) block at `index`. */
  toolInput(index: number, input: Record<string, unknown>): void;
  /** The block at `index` is complete. */
  closeBlock(index: number): void;
  /** The stop reason and the final usage. */
  finish(delta: MessageDeltaEvent['delta'], usage: MessageDeltaEvent['usage']): void;
}

/** An {@link AnthropicOutput} queuing Anthropic stream events; `take` empties the queue. */
export function anthropicEventOutput(): AnthropicOutput & { take(): MessageStreamEvent[] } {
  let events: MessageStreamEvent[] = [];
  return {
    start: (message) => events.push({ type: 'message_start', message }),
    openBlock: (index, content_block) =>
      events.push({ type: 'content_block_start', index, content_block }),
    delta: (index, delta) => events.push({ type: 'content_block_delta', index, delta }),
    toolInput: (index, input) =>
      events.push({
        type: 'content_block_delta',
        index,
        delta: { type: 'input_json_delta', partial_json: JSON.stringify(input) },
      }),
    closeBlock: (index) => events.push({ type: 'content_block_stop', index }),
    finish(delta, usage) {
      events.push({ type: 'message_delta', delta, usage });
      events.push({ type: 'message_stop' });
    },
    take() {
      const taken = events;
      events = [];
      return taken;
    },
  };
}

/** An {@link AnthropicOutput} building the `message` the events describe (what the SDK folds). */
export function anthropicMessageOutput(): AnthropicOutput & { message(): MessagesResponse } {
  let built: MessagesResponse | undefined;
  const blockAt = (index: number) => built?.content[index];
  return {
    start(message) {
      built = { ...message, content: [] };
    },
    openBlock(index, block) {
      if (built) built.content[index] = { ...block };
    },
    delta(index, delta) {
      const block = blockAt(index);
      if (block?.type === 'text' && delta.type === 'text_delta') block.text += delta.text;
      else if (block?.type === 'thinking' && delta.type === 'thinking_delta')
        block.thinking += delta.thinking;
      else if (block?.type === 'thinking' && delta.type === 'signature_delta')
        block.signature = delta.signature;
    },
    toolInput(index, input) {
      const block = blockAt(index);
      if (block?.type === 'tool_use' || block?.type === 'server_tool_use') block.input = input;
    },
    closeBlock() {
      // A block of the message is complete as soon as its content is: nothing to do.
    },
    finish(delta, usage) {
      if (!built) return;
      built.stop_reason = delta.stop_reason;
      built.stop_sequence = delta.stop_sequence;
      built.usage = {
        ...built.usage,
        ...usage,
        input_tokens: usage.input_tokens ?? built.usage.input_tokens,
      };
    },
    message() {
      if (!built) throw new Error('anthropicMessageOutput: the message never started');
      return built;
    },
  };
}
