import type {
  OpenAIChatMessage,
  OpenAIContentPart,
  ResponsesContentPart,
  ResponsesInputItem,
  ResponsesReasoningItem,
} from '@geminicli2api/protocol-openai';
import type { ModelTraits } from '../model-traits';
import { detectModelTraits } from '../model-traits';
import { TranslationError } from '../translator-error';
import { CUSTOM_TOOL_ARGUMENT, LOCAL_SHELL_FUNCTION } from './convert-responses-tools';
import { decodeReasoningSignatures } from './encrypted-content';

/** Chat messages built from Responses input, with the Responses path behind each. */
export interface ResponsesInputAsChat {
  messages: OpenAIChatMessage[];
  /** `input[i]` (or `instructions`) of each chat message, by index. */
  messageParams: string[];
}

/**
 * Responses `instructions` + `input` → chat messages for the shared message conversion:
 * `instructions` first as a system message; message items by role; `function_call` and
 * `custom_tool_call` items as assistant tool calls (a custom call's string becomes the one `input`
 * argument) carrying the thought signature their `reasoning` item's `encrypted_content` holds;
 * their outputs as tool messages. Reasoning items add no content of their own.
 */
export function convertResponsesInput(
  instructions: string | null | undefined,
  input: string | readonly ResponsesInputItem[] | null | undefined,
  traits: ModelTraits,
): ResponsesInputAsChat {
  const messages: OpenAIChatMessage[] = [];
  const messageParams: string[] = [];
  if (instructions) {
    messages.push({ role: 'system', content: instructions });
    messageParams.push('instructions');
  }
  if (typeof input === 'string') {
    messages.push({ role: 'user', content: input });
    messageParams.push('input');
    return { messages, messageParams };
  }
  const items = input ?? [];
  const signatures = collectSignatures(items, traits);
  items.forEach((item, index) => {
    const param = `input[${index}]`;
    const push = (message: OpenAIChatMessage) => {
      messages.push(message);
      messageParams.push(param);
    };
    switch (item.type) {
      case 'message':
        push(convertMessage(item.role, item.content, param));
        return;
      case 'function_call':
      case 'custom_tool_call':
      case 'local_shell_call': {
        const name = item.type === 'local_shell_call' ? LOCAL_SHELL_FUNCTION : item.name;
        const args =
          item.type === 'function_call'
            ? item.arguments
            : item.type === 'custom_tool_call'
              ? JSON.stringify({ [CUSTOM_TOOL_ARGUMENT]: item.input })
              : JSON.stringify({
                  command: item.action.command,
                  ...(item.action.working_directory
                    ? { workdir: item.action.working_directory }
                    : {}),
                  ...(item.action.timeout_ms ? { timeout_ms: item.action.timeout_ms } : {}),
                });
        const signature = signatures.get(item.call_id);
        push({
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: item.call_id,
              type: 'function',
              function: { name, arguments: args },
              ...(signature ? { extra_content: { google: { thought_signature: signature } } } : {}),
            },
          ],
        });
        return;
      }
      case 'function_call_output':
      case 'custom_tool_call_output':
        push({
          role: 'tool',
          tool_call_id: item.call_id,
          content:
            typeof item.output === 'string'
              ? item.output
              : item.output.map((part, at) => convertPart(part, `${param}.output[${at}]`)),
        });
        return;
      case 'local_shell_call_output': {
        // `id` names the call: its call_id, or the id of its local_shell_call item.
        const id = item.call_id ?? item.id ?? '';
        const call = items.find((entry) => entry.type === 'local_shell_call' && entry.id === id);
        const callId = call?.type === 'local_shell_call' ? call.call_id : id;
        push({ role: 'tool', tool_call_id: callId, content: item.output });
        return;
      }
      case 'reasoning':
        return;
      default: {
        const exhaustive: never = item;
        return exhaustive;
      }
    }
  });
  return { messages, messageParams };
}

function convertMessage(
  role: 'user' | 'assistant' | 'system' | 'developer',
  content: string | readonly ResponsesContentPart[],
  param: string,
): OpenAIChatMessage {
  const parts =
    typeof content === 'string'
      ? content
      : content.map((part, index) => convertPart(part, `${param}.content[${index}]`));
  return { role, content: parts };
}

function convertPart(part: ResponsesContentPart, param: string): OpenAIContentPart {
  switch (part.type) {
    case 'input_text':
    case 'output_text':
      return { type: 'text', text: part.text };
    case 'refusal':
      return { type: 'refusal', refusal: part.refusal };
    case 'input_image':
      if (!part.image_url)
        throw new TranslationError({
          message: part.file_id
            ? 'OpenAI file ids cannot be read by Gemini; send the image as image_url (a data URL or an http(s) URL).'
            : 'An input_image needs image_url.',
          param: `${param}.${part.file_id ? 'file_id' : 'image_url'}`,
        });
      return { type: 'image_url', image_url: { url: part.image_url } };
    case 'input_file':
      if (part.file_url && !part.file_data)
        return { type: 'file', file: { file_id: part.file_url, filename: part.filename } };
      return {
        type: 'file',
        file: { file_data: part.file_data, file_id: part.file_id, filename: part.filename },
      };
    default: {
      const exhaustive: never = part;
      return exhaustive;
    }
  }
}

/** Signatures carried by reasoning items, by call id; those of another model family are left out. */
function collectSignatures(
  items: readonly ResponsesInputItem[],
  traits: ModelTraits,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const item of items) {
    if (item.type !== 'reasoning') continue;
    const decoded = decode(item);
    if (!decoded || detectModelTraits(decoded.model).family !== traits.family) continue;
    for (const [id, signature] of Object.entries(decoded.calls)) out.set(id, signature);
  }
  return out;
}

function decode(item: ResponsesReasoningItem) {
  return item.encrypted_content ? decodeReasoningSignatures(item.encrypted_content) : undefined;
}
