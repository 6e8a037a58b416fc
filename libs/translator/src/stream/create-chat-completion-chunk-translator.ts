import type { GenerateContentResponse, GeminiUsageMetadata } from '@geminicli2api/protocol-gemini';
import type {
  ChatCompletionChunk,
  OpenAIChunkDelta,
  OpenAIFinishReason,
  OpenAIToolCallDelta,
} from '@geminicli2api/protocol-openai';
import { convertGeminiUsage } from '../convert-gemini-usage';
import { mapGeminiFinishReason } from '../map-gemini-finish-reason';
import { buildToolCall, imageDataUrl, renderCodePart } from '../response/build-tool-call';
import { toEpochSeconds } from '../response/convert-gemini-response-to-chat-completion';
import { defaultGenerateId, type ResponseTranslationOptions } from '../translation-options';

/** Options for {@link createChatCompletionChunkTranslator}. */
export interface ChunkTranslatorOptions extends ResponseTranslationOptions {
  /** `stream_options.include_usage`: add `usage: null` to chunks and a final usage chunk. */
  includeUsage?: boolean;
}

/** Turns Gemini stream events into OpenAI chunks; holds the state a stream needs. */
export interface ChatCompletionChunkTranslator {
  /** Translates one Gemini event (the inner response) into zero or more chunks. */
  push(event: GenerateContentResponse): ChatCompletionChunk[];
  /**
   * Ends the stream: finishes choices that never got a finish reason and adds the usage chunk.
   * Call it only when the upstream ended cleanly.
   */
  end(): ChatCompletionChunk[];
  /** True when at least one choice received a Gemini `finishReason`. */
  readonly sawFinishReason: boolean;
}

interface ChoiceState {
  roleSent: boolean;
  finished: boolean;
  sawOutput: boolean;
  /** Next tool-call index: one monotonic counter per choice. */
  toolIndex: number;
  sawToolCall: boolean;
}

type PendingDelta =
  | { kind: 'content' | 'reasoning_content'; text: string }
  | { kind: 'tool_calls'; calls: OpenAIToolCallDelta[] }
  | { kind: 'images'; urls: string[] };

/**
 * Creates the stateful stream converter: the role comes in the first delta of each choice,
 * `id`/`created`/`model` are identical on every chunk, reasoning and content never share a
 * delta, each choice gets exactly one finish chunk, and cumulative Gemini usage is remembered
 * (the last one wins, never summed) for one final usage chunk.
 */
export function createChatCompletionChunkTranslator(
  options: ChunkTranslatorOptions,
): ChatCompletionChunkTranslator {
  const { model, includeUsage = false, generateId = defaultGenerateId, now = Date.now } = options;
  let id: string | undefined;
  let created: number | undefined;
  let lastUsage: GeminiUsageMetadata | undefined;
  let ended = false;
  const choices = new Map<number, ChoiceState>();

  const chunk = (
    index: number,
    delta: OpenAIChunkDelta,
    finishReason: OpenAIFinishReason | null = null,
    nativeFinishReason?: string,
  ): ChatCompletionChunk => {
    const out: ChatCompletionChunk = {
      id: id ?? '',
      object: 'chat.completion.chunk',
      created: created ?? 0,
      model,
      choices: [{ index, delta, logprobs: null, finish_reason: finishReason }],
    };
    if (nativeFinishReason) {
      const [choice] = out.choices;
      if (choice) choice.native_finish_reason = nativeFinishReason;
    }
    if (includeUsage) out.usage = null;
    return out;
  };

  const stateOf = (index: number): ChoiceState => {
    let state = choices.get(index);
    if (!state) {
      state = {
        roleSent: false,
        finished: false,
        sawOutput: false,
        toolIndex: 0,
        sawToolCall: false,
      };
      choices.set(index, state);
    }
    return state;
  };

  const start = (event: GenerateContentResponse): void => {
    id ??= `chatcmpl-${event.responseId ?? generateId()}`;
    created ??= toEpochSeconds(event.createTime, now);
  };

  // `sawFinishReason` is a plain property, not a getter: V8 builds an object literal with an
  // accessor on a slow path (µs and old-space garbage each), and one is made per stream.
  const translator = {
    sawFinishReason: false,
    push(event: GenerateContentResponse) {
      start(event);
      if (event.usageMetadata) lastUsage = event.usageMetadata;
      const out: ChatCompletionChunk[] = [];
      const candidates = event.candidates ?? [];
      if (candidates.length === 0 && event.promptFeedback?.blockReason) {
        const state = stateOf(0);
        if (!state.roleSent) out.push(chunk(0, { role: 'assistant', content: '' }));
        state.roleSent = true;
        state.finished = true;
        translator.sawFinishReason = true;
        out.push(chunk(0, {}, 'content_filter', event.promptFeedback.blockReason.toLowerCase()));
        return out;
      }
      candidates.forEach((candidate, position) => {
        const index = candidate.index ?? position;
        const state = stateOf(index);
        if (state.finished) return;
        if (!state.roleSent) {
          out.push(chunk(index, { role: 'assistant', content: '' }));
          state.roleSent = true;
        }
        let pending: PendingDelta | undefined;
        const flush = () => {
          if (!pending) return;
          if (pending.kind === 'tool_calls') out.push(chunk(index, { tool_calls: pending.calls }));
          else if (pending.kind === 'images') {
            out.push(
              chunk(index, {
                images: pending.urls.map((url) => ({
                  type: 'image_url' as const,
                  image_url: { url },
                })),
              }),
            );
          } else out.push(chunk(index, { [pending.kind]: pending.text }));
          pending = undefined;
        };
        const addText = (kind: 'content' | 'reasoning_content', text: string) => {
          state.sawOutput = true;
          if (pending?.kind === kind) pending.text += text;
          else {
            flush();
            pending = { kind, text };
          }
        };
        for (const part of candidate.content?.parts ?? []) {
          const call = buildToolCall(part, options);
          if (call) {
            state.sawToolCall = true;
            const delta: OpenAIToolCallDelta = { index: state.toolIndex++, ...call };
            if (pending?.kind === 'tool_calls') pending.calls.push(delta);
            else {
              flush();
              pending = { kind: 'tool_calls', calls: [delta] };
            }
            continue;
          }
          const image = imageDataUrl(part);
          if (image) {
            state.sawOutput = true;
            if (pending?.kind === 'images') pending.urls.push(image);
            else {
              flush();
              pending = { kind: 'images', urls: [image] };
            }
            continue;
          }
          const code = renderCodePart(part);
          if (code) addText('content', code);
          else if (typeof part.text === 'string' && part.text !== '') {
            addText(part.thought ? 'reasoning_content' : 'content', part.text);
          }
        }
        flush();
        if (candidate.finishReason) {
          translator.sawFinishReason = true;
          state.finished = true;
          const reason = mapGeminiFinishReason({
            finishReason: candidate.finishReason,
            hasToolCalls: state.sawToolCall,
            hasOutput: state.sawOutput,
          });
          out.push(chunk(index, {}, reason, candidate.finishReason.toLowerCase()));
        }
      });
      return out;
    },
    end() {
      if (ended) return [];
      ended = true;
      start({});
      const out: ChatCompletionChunk[] = [];
      if (choices.size === 0) stateOf(0);
      for (const [index, state] of [...choices].sort(([a], [b]) => a - b)) {
        if (!state.roleSent) out.push(chunk(index, { role: 'assistant', content: '' }));
        if (!state.finished) out.push(chunk(index, {}, state.sawToolCall ? 'tool_calls' : 'stop'));
      }
      if (includeUsage) {
        out.push({
          id: id ?? '',
          object: 'chat.completion.chunk',
          created: created ?? 0,
          model,
          choices: [],
          usage: convertGeminiUsage(lastUsage),
        });
      }
      return out;
    },
  };
  return translator;
}
