import type { GeminiContent, GeminiPart } from '@geminicli2api/protocol-gemini';
import type { OpenAIChatMessage } from '@geminicli2api/protocol-openai';
import { detectModelTraits, type ModelTraits } from '../model-traits';
import {
  SKIP_THOUGHT_SIGNATURE,
  splitThoughtId,
  type SignatureCache,
} from '../signature/signature-cache';
import { sanitizeFunctionName } from '../tools/function-names';
import type { TranslationWarning } from '../translation-options';
import { TranslationError } from '../translator-error';
import { convertContentParts, type PartContext } from './convert-content-parts';
import { convertToolResult, parseToolArguments, recoverSignature } from './convert-tool-messages';
import { indexCalls, legacyId, type Call } from './index-tool-calls';
import { stampSentinels } from './stamp-sentinels';

/** Options for {@link convertMessagesToContents}. */
export interface ConvertMessagesOptions extends PartContext {
  /** Target model traits (signature rules, tool-result media placement). */
  traits?: ModelTraits;
  /** OpenAI → Gemini function names (from the tool conversion); others are sanitised. */
  toolNames?: ReadonlyMap<string, string>;
  /** Where signatures of earlier responses were remembered by tool-call id. */
  signatureCache?: SignatureCache;
  /** Drop a trailing assistant message instead of sending it as a prefill. */
  dropTrailingAssistant?: boolean;
  /** Value stamped on calls of a Gemini 3 turn with no recoverable signature. */
  signatureSentinel?: string;
}

/** The Gemini side of a conversation: the turns and the hoisted system instruction. */
export interface ConvertedMessages {
  contents: GeminiContent[];
  systemInstruction?: GeminiContent;
  warnings: TranslationWarning[];
  /** OpenAI path (`messages[i]`) of the first message behind each Gemini content, for error `param`s. */
  contentParams: (string | null)[];
  /** OpenAI path of the message behind each part, per content (`null` for synthesized parts). */
  partParams: (string | null)[][];
}

interface OpenTurn {
  callIds: string[];
  assistantIndex: number;
  /** A tool result for this turn was seen: the next assistant message starts a new turn. */
  answered: boolean;
}

const MISSING_RESULT = { error: 'no result was provided for this call' };

/**
 * Converts OpenAI messages to Gemini contents (translation.md §1.4): system and developer
 * messages become `systemInstruction`; assistant text and `tool_calls` become one `model` turn;
 * tool results become one `user` turn of functionResponse parts in call order right after their
 * call turn (missing ones get an error result); consecutive same-role turns are merged and no
 * turn is ever left without parts.
 */
export function convertMessagesToContents(
  messages: readonly OpenAIChatMessage[],
  options: ConvertMessagesOptions = {},
): ConvertedMessages {
  const traits = options.traits ?? detectModelTraits('gemini-2.5-flash');
  const warnings: TranslationWarning[] = [];
  const geminiName = (name: string) => options.toolNames?.get(name) ?? sanitizeFunctionName(name);
  const calls = new Map<string, Call>();
  const results = new Map<string, number>();
  indexCalls(messages, calls, results);
  const origins = new WeakMap<GeminiPart, number>();
  const from = (index: number, parts: GeminiPart[]): GeminiPart[] => {
    for (const part of parts) if (!origins.has(part)) origins.set(part, index);
    return parts;
  };

  const systemParts: GeminiPart[] = [];
  const contents: GeminiContent[] = [];
  let open: OpenTurn | undefined;
  const closeTurn = () => {
    if (!open || open.callIds.length === 0) {
      open = undefined;
      return;
    }
    const responses: GeminiPart[] = [];
    const media: GeminiPart[] = [];
    for (const id of open.callIds) {
      const call = calls.get(id);
      const name = call?.name ?? 'unknown';
      const resultIndex = results.get(id);
      const message = resultIndex === undefined ? undefined : messages[resultIndex];
      if (message && (message.role === 'tool' || message.role === 'function')) {
        const [response, ...rest] = from(
          resultIndex ?? 0,
          convertToolResult(name, message.content, `messages[${resultIndex}]`, traits, options),
        );
        if (response) responses.push(response);
        media.push(...rest);
      } else responses.push({ functionResponse: { name, response: MISSING_RESULT } });
    }
    contents.push({ role: 'user', parts: [...responses, ...media] });
    open = undefined;
  };

  messages.forEach((message, index) => {
    const param = `messages[${index}]`;
    switch (message.role) {
      case 'system':
      case 'developer':
        systemParts.push(...from(index, convertContentParts(message.content, param, options)));
        return;
      case 'user':
        closeTurn();
        appendTurn(
          contents,
          'user',
          from(index, convertContentParts(message.content, param, options)),
        );
        return;
      case 'assistant': {
        const parts = from(index, convertContentParts(message.content, param, options));
        const callIds: string[] = [];
        (message.tool_calls ?? []).forEach((call, position) => {
          const { id } = splitThoughtId(call.id);
          const args = parseToolArguments(
            call.function.arguments,
            `${param}.tool_calls[${position}].function.arguments`,
          );
          const part: GeminiPart = { functionCall: { name: geminiName(call.function.name), args } };
          const signature = recoverSignature(call, traits, options.signatureCache);
          if (signature) part.thoughtSignature = signature;
          parts.push(part);
          callIds.push(id);
        });
        if (message.function_call) {
          const args = parseToolArguments(
            message.function_call.arguments,
            `${param}.function_call.arguments`,
          );
          parts.push({ functionCall: { name: geminiName(message.function_call.name), args } });
          callIds.push(legacyId(index));
        }
        if (open?.answered) closeTurn();
        if (open === undefined) {
          const last = contents[contents.length - 1];
          if (last?.role !== 'model') contents.push({ role: 'model', parts: [] });
          open = { callIds: [], assistantIndex: index, answered: false };
        }
        contents[contents.length - 1]?.parts.push(...from(index, parts));
        open.callIds.push(...callIds);
        open.assistantIndex = index;
        return;
      }
      case 'tool':
      case 'function': {
        const id = message.role === 'tool' ? splitThoughtId(message.tool_call_id).id : undefined;
        const bound = id !== undefined ? calls.has(id) : [...results.values()].includes(index);
        if (bound) {
          if (open) open.answered = true;
          return;
        }
        if (!message.name) {
          throw new TranslationError({
            message: `No assistant tool call has the id this tool message answers.`,
            param: `${param}.tool_call_id`,
          });
        }
        closeTurn();
        appendTurn(
          contents,
          'user',
          from(
            index,
            convertToolResult(geminiName(message.name), message.content, param, traits, options),
          ),
        );
        return;
      }
      default: {
        const exhaustive: never = message;
        return exhaustive;
      }
    }
  });

  if (open && open.callIds.length > 0 && !open.callIds.some((id) => results.has(id))) {
    throw new TranslationError({
      message:
        "An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'.",
      param: `messages[${open.assistantIndex}]`,
    });
  }
  closeTurn();
  let turns = coalesce(contents.filter((content) => content.parts.length > 0));
  const last = turns[turns.length - 1];
  if (
    options.dropTrailingAssistant &&
    last?.role === 'model' &&
    !last.parts.some((part) => part.functionCall)
  ) {
    turns = turns.slice(0, -1);
  }
  if (traits.gemini3)
    stampSentinels(turns, options.signatureSentinel ?? SKIP_THOUGHT_SIGNATURE, warnings);
  const withParams = (
    contents: GeminiContent[],
    systemInstruction?: GeminiContent,
  ): ConvertedMessages => {
    const partParams = contents.map((content) =>
      content.parts.map((part) => {
        const origin = origins.get(part);
        return origin === undefined ? null : `messages[${origin}]`;
      }),
    );
    const contentParams = contents.map((content) => {
      const found = content.parts
        .map((part) => origins.get(part))
        .filter((origin) => origin !== undefined);
      return found.length > 0 ? `messages[${Math.min(...found)}]` : null;
    });
    return {
      contents,
      ...(systemInstruction ? { systemInstruction } : {}),
      warnings,
      contentParams,
      partParams,
    };
  };
  if (turns.length === 0) {
    if (systemParts.length > 0) return withParams([{ role: 'user', parts: systemParts }]);
    return withParams([{ role: 'user', parts: [{ text: ' ' }] }]);
  }
  if (turns[0]?.role === 'model' && turns[0].parts.some((part) => part.functionCall)) {
    turns.unshift({ role: 'user', parts: [{ text: ' ' }] });
  }
  return withParams(
    turns,
    systemParts.length > 0 ? { role: 'user', parts: systemParts } : undefined,
  );
}

function appendTurn(contents: GeminiContent[], role: 'user' | 'model', parts: GeminiPart[]): void {
  const last = contents[contents.length - 1];
  if (last && last.role === role) last.parts.push(...parts);
  else contents.push({ role, parts });
}

function coalesce(contents: GeminiContent[]): GeminiContent[] {
  const out: GeminiContent[] = [];
  for (const content of contents) {
    const last = out[out.length - 1];
    if (last && last.role === content.role) last.parts.push(...content.parts);
    else out.push({ role: content.role, parts: [...content.parts] });
  }
  return out;
}
