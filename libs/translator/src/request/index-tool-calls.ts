import type { OpenAIChatMessage } from '@geminicli2api/protocol-openai';
import { splitThoughtId } from '../signature/signature-cache';
import { sanitizeFunctionName } from '../tools/function-names';

/** A tool call of the conversation: its (sanitised) function name and the assistant message. */
export interface Call {
  name: string;
  messageIndex: number;
}

/** The id standing for the deprecated single `function_call` of assistant message `index`. */
export function legacyId(index: number): string {
  return `\u0000function_call_${index}`;
}

/** Pass 1: every call id → its name and turn; every result → the message answering it (last wins). */
export function indexCalls(
  messages: readonly OpenAIChatMessage[],
  calls: Map<string, Call>,
  results: Map<string, number>,
): void {
  messages.forEach((message, index) => {
    if (message.role === 'assistant') {
      for (const call of message.tool_calls ?? []) {
        calls.set(splitThoughtId(call.id).id, {
          name: sanitizeFunctionName(call.function.name),
          messageIndex: index,
        });
      }
      if (message.function_call) {
        calls.set(legacyId(index), {
          name: sanitizeFunctionName(message.function_call.name),
          messageIndex: index,
        });
      }
    } else if (message.role === 'tool') {
      const id = splitThoughtId(message.tool_call_id).id;
      if (calls.has(id)) results.set(id, index);
    } else if (message.role === 'function') {
      for (let previous = index - 1; previous >= 0; previous--) {
        const candidate = messages[previous];
        if (candidate?.role === 'assistant' && candidate.function_call?.name === message.name) {
          if (!results.has(legacyId(previous))) results.set(legacyId(previous), index);
          break;
        }
      }
    }
  });
}
