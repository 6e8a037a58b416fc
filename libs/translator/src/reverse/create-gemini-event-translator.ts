import type {
  GeminiCandidate,
  GeminiPart,
  GeminiUsageMetadata,
  GenerateContentResponse,
  GoogleErrorBody,
} from '@geminicli2api/protocol-gemini';
import type { ChatCompletionChunk, OpenAIError } from '@geminicli2api/protocol-openai';
import type { TranslationWarning } from '../translation-options';
import {
  convertOpenAIUsage,
  imageUrlToPart,
  mapOpenAIFinishReason,
  toFunctionCallPart,
  toRfc3339,
} from './convert-openai-usage';
import { mapOpenAIErrorToGeminiError } from './map-openai-error-to-gemini-error';
import type { ConvertToGeminiResponseOptions } from './convert-chat-completion-to-gemini';

/** What an OpenAI-compatible server may send as a stream event: a chunk or `{error}`. */
export type OpenAIStreamEvent = ChatCompletionChunk | { error: Partial<OpenAIError> };

/** A Gemini stream event: a response fragment, or an error body that ends the stream. */
export type GeminiStreamEvent = GenerateContentResponse | GoogleErrorBody;

/** Turns OpenAI stream chunks into Gemini stream events; holds the state a stream needs. */
export interface GeminiEventTranslator {
  /** Translates one OpenAI chunk (parsed `data:` JSON) into zero or more Gemini events. */
  push(chunk: OpenAIStreamEvent): GeminiStreamEvent[];
  /** Call on `[DONE]` (or a clean end): emits held finish reasons and calls with the usage. */
  end(): GeminiStreamEvent[];
  /** Things that could not be expressed (e.g. invalid tool-call JSON), in order. */
  readonly warnings: readonly TranslationWarning[];
}

interface PendingCall {
  id?: string;
  name: string;
  arguments: string;
  signature?: string | null;
}

interface ChoiceState {
  /** Tool-call fragments by OpenAI `index` (never by id: only the first fragment has one). */
  calls: Map<number, PendingCall>;
  finishReason?: string;
}

/**
 * Creates the reverse stream converter (translation.md §3.6): text and reasoning deltas are
 * emitted at once as text / thought parts of candidate `index`; tool-call fragments are
 * accumulated by index and emitted, in index order, as `functionCall` parts with the finish
 * reason; finish reasons are held until the usage chunk or `[DONE]`, so the last event carries
 * `finishReason` and `usageMetadata` together. An `{error}` chunk becomes a Gemini error body
 * and ends the stream.
 */
export function createGeminiEventTranslator(
  options: ConvertToGeminiResponseOptions = {},
): GeminiEventTranslator {
  const warnings: TranslationWarning[] = [];
  const choices = new Map<number, ChoiceState>();
  let envelope: Pick<GenerateContentResponse, 'responseId' | 'modelVersion'> = {};
  let createTime: string | undefined;
  let usage: GeminiUsageMetadata | undefined;
  let done = false;

  const stateOf = (index: number): ChoiceState => {
    let state = choices.get(index);
    if (!state) {
      state = { calls: new Map() };
      choices.set(index, state);
    }
    return state;
  };

  const event = (candidates: GeminiCandidate[]): GenerateContentResponse => {
    const out: GenerateContentResponse = { candidates, ...envelope };
    if (createTime) {
      out.createTime = createTime;
      createTime = undefined; // like Gemini: only on the first event
    }
    return out;
  };

  const finalEvent = (): GenerateContentResponse => {
    done = true;
    const candidates = [...choices]
      .sort(([a], [b]) => a - b)
      .map(([index, state]) => {
        const parts = [...state.calls]
          .sort(([a], [b]) => a - b)
          .map(([callIndex, call]) =>
            toFunctionCallPart(
              {
                name: call.name,
                arguments: call.arguments,
                param: `choices[${index}].delta.tool_calls[${callIndex}].function.arguments`,
                id: options.includeCallIds ? call.id : undefined,
                signature: call.signature,
              },
              warnings,
            ),
          );
        return {
          content: { role: 'model', parts },
          finishReason: state.finishReason ?? 'STOP',
          index,
        };
      });
    const out = event(candidates);
    if (usage) out.usageMetadata = usage;
    return out;
  };

  return {
    warnings,
    push(chunk) {
      if (done) return [];
      if ('error' in chunk) {
        done = true;
        return [mapOpenAIErrorToGeminiError(chunk.error).body];
      }
      if (!envelope.responseId) {
        envelope = { responseId: chunk.id, modelVersion: chunk.model };
        if (Number.isFinite(chunk.created)) createTime = toRfc3339(chunk.created);
      }
      const candidates: GeminiCandidate[] = [];
      for (const choice of [...chunk.choices].sort((a, b) => a.index - b.index)) {
        const state = stateOf(choice.index);
        const { delta } = choice;
        const parts: GeminiPart[] = [];
        if (delta.reasoning_content) parts.push({ text: delta.reasoning_content, thought: true });
        if (delta.content) parts.push({ text: delta.content });
        if (delta.refusal) parts.push({ text: delta.refusal });
        for (const image of delta.images ?? []) parts.push(imageUrlToPart(image.image_url.url));
        for (const fragment of delta.tool_calls ?? []) {
          const call = state.calls.get(fragment.index) ?? { name: '', arguments: '' };
          if (fragment.id) call.id ??= fragment.id;
          if (fragment.function?.name) call.name ||= fragment.function.name;
          call.arguments += fragment.function?.arguments ?? '';
          call.signature ??= fragment.extra_content?.google?.thought_signature;
          state.calls.set(fragment.index, call);
        }
        if (choice.finish_reason && !state.finishReason) {
          state.finishReason =
            delta.refusal && !delta.content
              ? 'SAFETY'
              : mapOpenAIFinishReason(choice.finish_reason);
        }
        if (parts.length > 0)
          candidates.push({ content: { role: 'model', parts }, index: choice.index });
      }
      const out: GeminiStreamEvent[] = candidates.length > 0 ? [event(candidates)] : [];
      if (chunk.usage) {
        usage = convertOpenAIUsage(chunk.usage);
        const allFinished = [...choices.values()].every(
          (state) => state.finishReason !== undefined,
        );
        if (allFinished) out.push(finalEvent());
      }
      return out;
    },
    end() {
      if (done) return [];
      return [finalEvent()];
    },
  };
}
