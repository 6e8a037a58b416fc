import type { GeminiPart, GeminiUsageMetadata } from '@geminicli2api/protocol-gemini';
import type {
  ResponsesOutputMessage,
  ResponsesOutputReasoning,
  ResponsesResponse,
} from '@geminicli2api/protocol-openai';
import { mapGeminiFinishReason } from '../map-gemini-finish-reason';
import { buildToolCall, renderCodePart } from '../response/build-tool-call';
import { convertGrounding } from '../response/convert-grounding';
import { defaultGenerateId } from '../translation-options';
import { emitToolCall, toCitations } from './emit-tool-call';
import type {
  ResponsesStreamTranslator,
  ResponsesStreamTranslatorOptions,
} from './responses-stream-translator-types';
import { LOCAL_SHELL_FUNCTION } from './convert-responses-tools';
import { encodeReasoningSignatures } from './encrypted-content';
import { convertResponsesUsage } from './responses-envelope';
import { responsesEventSink } from './responses-event-sink';

export type { ResponsesStreamTranslator, ResponsesStreamTranslatorOptions };

type Open =
  | { kind: 'reasoning'; item: ResponsesOutputReasoning; index: number; text: string }
  | { kind: 'message'; item: ResponsesOutputMessage; index: number; text: string };

/**
 * The stateful Gemini → Responses stream converter. Items are emitted in order (a reasoning item
 * for thought summaries, one message for the text, one item per function call), each opened with
 * `output_item.added` and closed with `output_item.done`, every event numbered. A reasoning item
 * is closed when the next part arrives, so its `encrypted_content` can carry that part's thought
 * signature; a signed call with no thoughts before it gets an empty reasoning item for its
 * signature. The non-streamed answer is the same translation run over one event.
 */
export function createResponsesStreamTranslator(
  options: ResponsesStreamTranslatorOptions,
): ResponsesStreamTranslator {
  return createResponsesTranslation(options, true);
}

/**
 * {@link createResponsesStreamTranslator}, or with `streamed` false the same translation without
 * its events: only {@link ResponsesStreamTranslator.response} is built (the non-streamed answer,
 * which would discard every event and its snapshots).
 */
export function createResponsesTranslation(
  options: ResponsesStreamTranslatorOptions,
  streamed: boolean,
): ResponsesStreamTranslator {
  const { customTools, localShell = false, includeEncrypted = false } = options;
  const generateId = options.generateId ?? defaultGenerateId;
  const signatureModel = options.upstreamModel ?? options.model;
  const response: ResponsesResponse = { ...options.envelope, output: [] };
  let open: Open | undefined;
  let usage: GeminiUsageMetadata | undefined;
  let finishReason: string | undefined;
  let blocked = false;
  let sawToolCall = false;
  let sawOutput = false;
  /** Text parts of the open message and the latest grounding, for url_citation annotations. */
  let messageParts: GeminiPart[] = [];
  let grounding: unknown;
  let done = false;

  const { emit, emitResponse, addItem, itemDone, take } = responsesEventSink(
    response,
    includeEncrypted,
    streamed,
  );

  const closeOpen = (signature?: { callId: string; value: string }): void => {
    if (!open) return;
    const { item, index, text } = open;
    if (open.kind === 'reasoning') {
      const at = { item_id: item.id, output_index: index, summary_index: 0 };
      emit({ type: 'response.reasoning_summary_text.done', ...at, text });
      const part = { type: 'summary_text' as const, text };
      emit({ type: 'response.reasoning_summary_part.done', ...at, part });
      const reasoning = item as ResponsesOutputReasoning;
      reasoning.summary = [part];
      if (signature) reasoning.encrypted_content = encode(signature);
      reasoning.status = 'completed';
    } else {
      const at = { item_id: item.id, output_index: index, content_index: 0 };
      emit({ type: 'response.output_text.done', ...at, text, logprobs: [] });
      const part = {
        type: 'output_text' as const,
        text,
        annotations: toCitations(convertGrounding(grounding, messageParts)),
      };
      messageParts = [];
      emit({ type: 'response.content_part.done', ...at, part });
      const message = item as ResponsesOutputMessage;
      message.content = [part];
      message.status = 'completed';
    }
    itemDone(index);
    open = undefined;
  };
  const encode = (signature: { callId: string; value: string }): string =>
    encodeReasoningSignatures({
      model: signatureModel,
      calls: { [signature.callId]: signature.value },
    });

  const addThought = (text: string): void => {
    if (open?.kind !== 'reasoning') {
      closeOpen();
      const item: ResponsesOutputReasoning = {
        id: `rs_${generateId()}`,
        type: 'reasoning',
        summary: [],
      };
      const index = addItem(item);
      open = { kind: 'reasoning', item, index, text: '' };
      const part = { type: 'summary_text' as const, text: '' };
      emit({
        type: 'response.reasoning_summary_part.added',
        item_id: item.id,
        output_index: index,
        summary_index: 0,
        part,
      });
    }
    open.text += text;
    emit({
      type: 'response.reasoning_summary_text.delta',
      item_id: open.item.id,
      output_index: open.index,
      summary_index: 0,
      delta: text,
    });
  };

  const addText = (text: string): void => {
    sawOutput = true;
    if (open?.kind !== 'message') {
      closeOpen();
      const item: ResponsesOutputMessage = {
        id: `msg_${generateId()}`,
        type: 'message',
        role: 'assistant',
        status: 'in_progress',
        content: [],
      };
      const index = addItem(item);
      open = { kind: 'message', item, index, text: '' };
      const part = { type: 'output_text' as const, text: '', annotations: [] };
      emit({
        type: 'response.content_part.added',
        item_id: item.id,
        output_index: index,
        content_index: 0,
        part,
      });
    }
    open.text += text;
    emit({
      type: 'response.output_text.delta',
      item_id: open.item.id,
      output_index: open.index,
      content_index: 0,
      delta: text,
      logprobs: [],
    });
  };

  const addCall = (part: GeminiPart): void => {
    const call = buildToolCall(part, options);
    if (!call) return;
    sawToolCall = true;
    const signature = part.thoughtSignature
      ? { callId: call.id, value: part.thoughtSignature }
      : undefined;
    if (open?.kind === 'reasoning') closeOpen(signature);
    else {
      closeOpen();
      if (signature) {
        const item: ResponsesOutputReasoning = {
          id: `rs_${generateId()}`,
          type: 'reasoning',
          summary: [],
          encrypted_content: encode(signature),
          status: 'completed',
        };
        itemDone(addItem(item));
      }
    }
    emitToolCall({
      call,
      kind: toolKind(call.function.name),
      generateId,
      addItem,
      itemDone,
      emit,
    });
  };

  const toolKind = (name: string) =>
    customTools?.has(name)
      ? ('custom' as const)
      : localShell && name === LOCAL_SHELL_FUNCTION
        ? ('local_shell' as const)
        : ('function' as const);

  // Plain properties kept current, not getters: V8 builds an object literal with an accessor on
  // a slow path (µs and old-space garbage each), and a translation is made per request.
  const translator: ResponsesStreamTranslator = {
    sawFinishReason: false,
    response,
    start() {
      emitResponse('response.created');
      emitResponse('response.in_progress');
      return take();
    },
    push(event) {
      if (done) return [];
      if (event.usageMetadata) usage = event.usageMetadata;
      if (!event.candidates?.length && event.promptFeedback?.blockReason) blocked = true;
      // One candidate: the Responses API has no `n`.
      const candidate = event.candidates?.find((entry) => (entry.index ?? 0) === 0);
      for (const part of candidate?.content?.parts ?? []) {
        if (part.functionCall) addCall(part);
        else if (typeof part.text === 'string' && part.text !== '') {
          if (part.thought) addThought(part.text);
          else {
            addText(part.text);
            messageParts.push(part);
          }
        } else {
          const code = renderCodePart(part);
          if (code) addText(code);
        }
      }
      if (candidate?.groundingMetadata) grounding = candidate.groundingMetadata;
      if (candidate?.finishReason) finishReason = candidate.finishReason;
      (translator as { sawFinishReason: boolean }).sawFinishReason =
        finishReason !== undefined || blocked;
      return take();
    },
    end() {
      if (done) return [];
      done = true;
      closeOpen();
      const reason = blocked
        ? 'content_filter'
        : mapGeminiFinishReason({ finishReason, hasToolCalls: sawToolCall, hasOutput: sawOutput });
      response.usage = convertResponsesUsage(usage);
      if (reason === 'length' || reason === 'content_filter') {
        response.status = 'incomplete';
        response.incomplete_details = {
          reason: reason === 'length' ? 'max_output_tokens' : 'content_filter',
        };
        emitResponse('response.incomplete');
      } else {
        response.status = 'completed';
        emitResponse('response.completed');
      }
      return take();
    },
    fail(error) {
      if (done) return [];
      done = true;
      response.status = 'failed';
      response.error = error;
      if (usage) response.usage = convertResponsesUsage(usage);
      emit({ type: 'error', code: error.code, message: error.message, param: null });
      emitResponse('response.failed');
      return take();
    },
  };
  return translator;
}
