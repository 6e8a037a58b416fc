import type { GeminiContent, GeminiPart } from '@geminicli2api/protocol-gemini';
import type { AnthropicContentBlock, AnthropicMessage } from '@geminicli2api/protocol-anthropic';
import { detectModelTraits, type ModelTraits } from '../model-traits';
import { convertContentParts, type PartContext } from '../request/convert-content-parts';
import { convertToolResult } from '../request/convert-tool-messages';
import { stampSentinels } from '../request/stamp-sentinels';
import { SKIP_THOUGHT_SIGNATURE, type SignatureCache } from '../signature/signature-cache';
import { sanitizeFunctionName } from '../tools/function-names';
import type { TranslationWarning } from '../translation-options';
import { TranslationError } from '../translator-error';
import { mediaBlockToParts, toolResultToParts } from './convert-anthropic-blocks';
import { decodeThinkingSignature } from './thinking-signature';

export interface ConvertAnthropicMessagesOptions extends PartContext {
  traits: ModelTraits;
  /** Client tool name → Gemini function name (from the tool conversion). */
  toolNames: ReadonlyMap<string, string>;
  /** Fallback for tool_use blocks whose thinking block the client dropped. */
  signatureCache?: SignatureCache;
  /** Bypass value for Gemini 3 tool turns with no signature at all (foreign histories). */
  signatureSentinel?: string;
}

export interface ConvertedAnthropicMessages {
  contents: GeminiContent[];
  /** Text of `role: "system"` messages, in order (appended to the request's `system`). */
  systemParts: GeminiPart[];
  warnings: TranslationWarning[];
}

/**
 * Anthropic `messages` → Gemini `contents`: assistant → `model`, tool_result blocks → a user
 * content of functionResponse parts (in the order of the calls, before the user's own parts),
 * thinking blocks → the Gemini signatures they carry, put back on the exact parts (see
 * thinking-signature.ts), `system` messages hoisted. Pairing is checked the way Anthropic
 * does: every tool_use needs its tool_result in the next message and vice versa.
 */
export function convertAnthropicMessages(
  messages: readonly AnthropicMessage[],
  options: ConvertAnthropicMessagesOptions,
): ConvertedAnthropicMessages {
  const warnings: TranslationWarning[] = [];
  const systemParts: GeminiPart[] = [];
  const contents: GeminiContent[] = [];
  let open: { index: number; calls: Map<string, string> } | undefined;
  messages.forEach((message, index) => {
    const param = `messages.${index}`;
    const blocks: AnthropicContentBlock[] =
      typeof message.content === 'string'
        ? [{ type: 'text', text: message.content }]
        : message.content;
    if (message.role === 'system') {
      for (const block of blocks) {
        if (block.type === 'text' && block.text !== '') systemParts.push({ text: block.text });
      }
      return;
    }
    const answered = open;
    open = undefined;
    if (message.role === 'assistant') {
      if (answered) throw unanswered(answered.index, [...answered.calls.keys()]);
      const { parts, calls } = assistantParts(blocks, param, options, warnings);
      append(contents, 'model', parts);
      if (calls.size > 0) open = { index, calls };
      return;
    }
    append(contents, 'user', userParts(blocks, param, answered, options));
  });
  if (options.traits.gemini3)
    stampSentinels(contents, options.signatureSentinel ?? SKIP_THOUGHT_SIGNATURE, warnings);
  if (contents[0]?.role === 'model') contents.unshift({ role: 'user', parts: [{ text: ' ' }] });
  return { contents, systemParts, warnings };
}

function assistantParts(
  blocks: readonly AnthropicContentBlock[],
  param: string,
  options: ConvertAnthropicMessagesOptions,
  warnings: TranslationWarning[],
): { parts: GeminiPart[]; calls: Map<string, string> } {
  const parts: GeminiPart[] = [];
  const calls = new Map<string, string>();
  let pending: string | undefined;
  const sign = (part: GeminiPart, fallback?: string) => {
    const signature = pending ?? fallback;
    if (signature) part.thoughtSignature = signature;
    pending = undefined;
    parts.push(part);
  };
  blocks.forEach((block, index) => {
    const at = `${param}.content.${index}`;
    switch (block.type) {
      case 'thinking':
      case 'redacted_thinking': {
        const value = block.type === 'thinking' ? block.signature : block.data;
        const segments = decodeThinkingSignature(value, options.traits.family);
        if (!segments) {
          if (value)
            warnings.push({
              param: at,
              message: 'A thinking block from another model was dropped.',
            });
          return;
        }
        for (const { target, signature } of segments) {
          if (target === 'thought')
            parts.push({
              text: block.type === 'thinking' ? block.thinking : '',
              thought: true,
              thoughtSignature: signature,
            });
          else if (target === 'empty') parts.push({ text: '', thoughtSignature: signature });
          else pending = signature;
        }
        return;
      }
      case 'text':
        if (block.text !== '') sign({ text: block.text });
        return;
      case 'tool_use': {
        const name = options.toolNames.get(block.name) ?? sanitizeFunctionName(block.name);
        calls.set(block.id, name);
        sign({ functionCall: { name, args: block.input } }, cachedSignature(block.id, options));
        return;
      }
      case 'server_tool_use':
      case 'web_search_tool_result':
        warnings.push({ param: at, message: 'Server tool blocks are not replayed to Gemini.' });
        return;
      default:
        throw new TranslationError({
          message: `${at}.type: "${block.type}" blocks are not allowed in assistant messages.`,
          param: `${at}.type`,
        });
    }
  });
  return { parts, calls };
}

function cachedSignature(id: string, options: ConvertAnthropicMessagesOptions): string | undefined {
  const cached = options.signatureCache?.get(id);
  if (!cached || detectModelTraits(cached.model).family !== options.traits.family) return undefined;
  return cached.signature;
}

function userParts(
  blocks: readonly AnthropicContentBlock[],
  param: string,
  answered: { index: number; calls: Map<string, string> } | undefined,
  options: ConvertAnthropicMessagesOptions,
): GeminiPart[] {
  const results = new Map<string, GeminiPart[]>();
  const own: GeminiPart[] = [];
  blocks.forEach((block, index) => {
    const at = `${param}.content.${index}`;
    switch (block.type) {
      case 'text':
        if (block.text !== '') own.push({ text: block.text });
        return;
      case 'image':
      case 'document':
        own.push(...convertContentParts(mediaBlockToParts(block, at), at, options));
        return;
      case 'tool_result': {
        const name = answered?.calls.get(block.tool_use_id);
        if (name === undefined || results.has(block.tool_use_id)) {
          throw new TranslationError({
            message: `${at}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${block.tool_use_id}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`,
            param: `${at}.tool_use_id`,
          });
        }
        const converted = convertToolResult(
          name,
          toolResultToParts(block.content, at),
          at,
          options.traits,
          options,
        );
        const response = converted[0]?.functionResponse;
        if (block.is_error && response && 'output' in response.response) {
          const { output, ...rest } = response.response;
          response.response = { ...rest, error: output };
        }
        results.set(block.tool_use_id, converted);
        return;
      }
      default:
        throw new TranslationError({
          message: `${at}.type: "${block.type}" blocks are not allowed in user messages.`,
          param: `${at}.type`,
        });
    }
  });
  if (answered) {
    const missing = [...answered.calls.keys()].filter((id) => !results.has(id));
    if (missing.length > 0) throw unanswered(answered.index, missing);
  }
  const ordered = answered ? [...answered.calls.keys()].flatMap((id) => results.get(id) ?? []) : [];
  return [...ordered, ...own];
}

function unanswered(index: number, ids: readonly string[]): TranslationError {
  return new TranslationError({
    message: `messages.${index + 1}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${ids.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`,
    param: `messages.${index + 1}`,
  });
}

function append(contents: GeminiContent[], role: 'user' | 'model', parts: GeminiPart[]): void {
  if (parts.length === 0) return;
  const last = contents[contents.length - 1];
  if (last?.role === role) last.parts.push(...parts);
  else contents.push({ role, parts });
}
