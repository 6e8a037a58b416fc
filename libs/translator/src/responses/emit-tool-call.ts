import type {
  OpenAIAnnotation,
  OpenAIResponseToolCall,
  ResponsesLocalShellAction,
  ResponsesUrlCitation,
  ResponsesOutputItem,
  ResponsesStreamEventBody,
} from '@geminicli2api/protocol-openai';
import { CUSTOM_TOOL_ARGUMENT } from './convert-responses-tools';

/** What {@link emitToolCall} needs from the stream converter. */
export interface ToolCallEmitter {
  call: OpenAIResponseToolCall;
  /** What the function stands for: a function tool, a custom (freeform) tool or `local_shell`. */
  kind: 'function' | 'custom' | 'local_shell';
  generateId: () => string;
  /** Appends the item to the output, emits `output_item.added`, returns its index. */
  addItem: (item: ResponsesOutputItem) => number;
  /** Emits `output_item.done` for the item at an index. */
  itemDone: (index: number) => void;
  emit: (event: ResponsesStreamEventBody) => void;
}

/**
 * Emits one complete tool call: a `function_call` item with its arguments delta and done events,
 * or, for a custom tool, a `custom_tool_call` item whose `input` is the function's one string
 * argument. Gemini sends a call whole, so the delta is the whole value.
 */
export function emitToolCall({
  call,
  kind,
  generateId,
  addItem,
  itemDone,
  emit,
}: ToolCallEmitter): void {
  const name = call.function.name;
  if (kind === 'local_shell') {
    const item: ResponsesOutputItem = {
      id: `lsh_${generateId()}`,
      type: 'local_shell_call',
      call_id: call.id,
      action: shellAction(call.function.arguments),
      status: 'completed',
    };
    itemDone(addItem(item));
    return;
  }
  if (kind === 'custom') {
    const input = customInput(call.function.arguments);
    const item = {
      id: `ctc_${generateId()}`,
      type: 'custom_tool_call' as const,
      call_id: call.id,
      name,
      input: '',
    };
    const index = addItem(item);
    const at = { item_id: item.id, output_index: index };
    emit({ type: 'response.custom_tool_call_input.delta', ...at, delta: input });
    emit({ type: 'response.custom_tool_call_input.done', ...at, input });
    item.input = input;
    itemDone(index);
    return;
  }
  const args = call.function.arguments;
  const item = {
    id: `fc_${generateId()}`,
    type: 'function_call' as const,
    call_id: call.id,
    name,
    arguments: '',
    status: 'in_progress' as 'in_progress' | 'completed',
  };
  const index = addItem(item);
  const at = { item_id: item.id, output_index: index };
  emit({ type: 'response.function_call_arguments.delta', ...at, delta: args });
  emit({ type: 'response.function_call_arguments.done', ...at, name, arguments: args });
  item.arguments = args;
  item.status = 'completed';
  itemDone(index);
}

/** A custom tool's string from the one-argument function call Gemini made. */
function customInput(args: string): string {
  try {
    const value: unknown = JSON.parse(args);
    if (typeof value === 'object' && value !== null) {
      const input = (value as Record<string, unknown>)[CUSTOM_TOOL_ARGUMENT];
      if (typeof input === 'string') return input;
    }
  } catch {
    // not JSON: passed through as it is
  }
  return args;
}

/** Chat `url_citation` annotations (Google Search grounding) in the Responses shape. */
export function toCitations(annotations: readonly OpenAIAnnotation[]): ResponsesUrlCitation[] {
  return annotations.map(({ url_citation: citation }) => ({
    type: 'url_citation',
    url: citation.url,
    title: citation.title ?? citation.url,
    start_index: citation.start_index,
    end_index: citation.end_index,
  }));
}

/** The `exec` action of a `local_shell` call from the function's arguments. */
function shellAction(args: string): ResponsesLocalShellAction {
  let value: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(args);
    if (typeof parsed === 'object' && parsed !== null) value = parsed as Record<string, unknown>;
  } catch {
    // not JSON: an empty command
  }
  const command = Array.isArray(value['command']) ? value['command'].map(String) : [];
  const action: ResponsesLocalShellAction = { type: 'exec', command, env: {} };
  if (typeof value['workdir'] === 'string') action.working_directory = value['workdir'];
  if (typeof value['timeout_ms'] === 'number') action.timeout_ms = Math.round(value['timeout_ms']);
  return action;
}
