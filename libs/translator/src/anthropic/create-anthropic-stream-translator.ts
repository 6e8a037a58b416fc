import type { GeminiPart, GenerateContentResponse } from '@geminicli2api/protocol-gemini';
import type {
  AnthropicResponseContentBlock,
  AnthropicStopReason,
  MessageStreamEvent,
} from '@geminicli2api/protocol-anthropic';
import { convertGeminiUsage } from '../convert-gemini-usage';
import { mapGeminiFinishReason } from '../map-gemini-finish-reason';
import { detectModelTraits } from '../model-traits';
import { renderCodePart } from '../response/build-tool-call';
import { restoreFunctionName } from '../tools/function-names';
import { defaultGenerateId, type ResponseTranslationOptions } from '../translation-options';
import { anthropicEventOutput, type AnthropicOutput } from './anthropic-output';
import { encodeThinkingSignature, type SignatureSegment } from './thinking-signature';
import { webSearchOf } from './web-search-results';

/** Options of {@link createAnthropicStreamTranslator}. */
export interface AnthropicStreamOptions extends ResponseTranslationOptions {
  /** Leave thinking text out (the client sent `display: "omitted"`); signatures still travel. */
  omitThinking?: boolean;
}

/** Turns Gemini stream events into Anthropic stream events, keeping content-block state. */
export interface AnthropicStreamTranslator {
  /** Events for one Gemini event (the first call also yields `message_start`). */
  push(response: GenerateContentResponse): MessageStreamEvent[];
  /** Closes the open block; `message_delta` (stop reason, usage) and `message_stop`. */
  end(): MessageStreamEvent[];
  /** True once Gemini sent a finish reason (or blocked the prompt). */
  readonly sawFinishReason: boolean;
}

/** The translation itself, writing to an {@link AnthropicOutput}. */
export interface AnthropicTranslation {
  push(response: GenerateContentResponse): void;
  end(): void;
  readonly sawFinishReason: boolean;
}

type OpenBlock = { kind: 'text' | 'tool_use' } | { kind: 'thinking'; segments: SignatureSegment[] };

/** {@link createAnthropicTranslation} into stream events. */
export function createAnthropicStreamTranslator(
  options: AnthropicStreamOptions,
): AnthropicStreamTranslator {
  const output = anthropicEventOutput();
  const translation = createAnthropicTranslation(options, output);
  // A plain property kept current, not a getter: see createAnthropicTranslation.
  const translator = {
    sawFinishReason: false,
    push(response: GenerateContentResponse) {
      translation.push(response);
      translator.sawFinishReason = translation.sawFinishReason;
      return output.take();
    },
    end() {
      translation.end();
      return output.take();
    },
  };
  return translator;
}

/**
 * The stateful Gemini → Anthropic stream converter: parts become content blocks in Gemini's
 * order (thinking, text, tool_use with `toolu_` ids), consecutive fragments of one kind share a
 * block, and every Gemini thought signature goes into a thinking block's `signature` (see
 * thinking-signature.ts) — on the thought it came from, or on a thinking block placed just
 * before the tool_use it belongs to (a text's signature is handled as Gemini streams it: an empty
 * part after the text). The signature of an empty part that ends the
 * message after a text (Gemini 3's trailing text signature, which Gemini does not validate) is
 * left out: Anthropic clients take the last block as the answer, and a trailing thinking block
 * would hide it (Claude Code prints nothing). Only the first candidate is used.
 */
export function createAnthropicTranslation(
  options: AnthropicStreamOptions,
  output: AnthropicOutput,
): AnthropicTranslation {
  const generateId = options.generateId ?? defaultGenerateId;
  const upstreamModel = options.upstreamModel ?? options.model;
  const family = detectModelTraits(upstreamModel).family;
  let started = false;
  let index = -1;
  let open: OpenBlock | undefined;
  let finishReason: string | undefined;
  let blocked = false;
  let hasToolUse = false;
  let hasOutput = false;
  let usage: GenerateContentResponse['usageMetadata'];
  /** Signatures of empty parts after a text or tool_use, placed only if more content follows. */
  let trailing: string[] = [];
  const id = `msg_${generateId()}`;

  /** Web searches reported (Google Search grounding), counted in usage. */
  let searches = 0;
  const tokens = () => {
    const converted = convertGeminiUsage(usage);
    const cached = converted.prompt_tokens_details?.cached_tokens ?? 0;
    return {
      input_tokens: converted.prompt_tokens - cached,
      output_tokens: converted.completion_tokens,
      cache_read_input_tokens: cached,
      ...(searches > 0 ? { server_tool_use: { web_search_requests: searches } } : {}),
    };
  };
  const close = () => {
    if (!open) return;
    if (open.kind === 'thinking' && open.segments.length > 0) {
      const signature = encodeThinkingSignature(family, open.segments);
      output.delta(index, { type: 'signature_delta', signature });
    }
    output.closeBlock(index);
    open = undefined;
  };
  const start = (block: AnthropicResponseContentBlock) => {
    close();
    index += 1;
    open =
      block.type === 'thinking'
        ? { kind: 'thinking', segments: [] }
        : { kind: block.type === 'text' ? 'text' : 'tool_use' };
    output.openBlock(index, block);
  };
  const thinkingBlock = (): SignatureSegment[] => {
    if (open?.kind !== 'thinking') start({ type: 'thinking', thinking: '', signature: '' });
    return (open as { segments: SignatureSegment[] }).segments;
  };
  const signNext = (signature: string | undefined) => {
    if (!signature) return;
    thinkingBlock().push({ target: 'next', signature });
    close();
  };

  /**
   * Google Search grounding as the `web_search` server tool reports it: a `server_tool_use` block
   * with the query, then a `web_search_tool_result` block with the sources (after the text, which
   * a stream has already sent by the time Google's grounding arrives with its last event). Any
   * pending text signature stays pending: the request side skips these blocks, so it still goes
   * back right after its text.
   */
  const pushWebSearch = (metadata: unknown) => {
    const search = searches === 0 ? webSearchOf(metadata) : undefined;
    if (!search) return;
    searches = Math.max(1, search.queries.length);
    const toolId = `srvtoolu_${generateId()}`;
    start({ type: 'server_tool_use', id: toolId, name: 'web_search', input: {} });
    output.toolInput(index, { query: search.queries.join(' | ') });
    start({ type: 'web_search_tool_result', tool_use_id: toolId, content: search.results });
    close();
  };

  const pushPart = (part: GeminiPart) => {
    const signature = part.thoughtSignature ?? undefined;
    const text = typeof part.text === 'string' ? part.text : renderCodePart(part);
    if (text === '' && !part.thought) {
      if (!signature) return;
      if (open?.kind === 'thinking') open.segments.push({ target: 'empty', signature });
      else trailing.push(signature);
      return;
    }
    if (trailing.length > 0) {
      const segments = thinkingBlock();
      segments.push(...trailing.map((value) => ({ target: 'empty' as const, signature: value })));
      trailing = [];
    }
    if (part.thought === true) {
      const segments = thinkingBlock();
      if (part.text && !options.omitThinking)
        output.delta(index, { type: 'thinking_delta', thinking: part.text });
      if (signature) {
        const own = segments.findIndex((segment) => segment.target === 'thought');
        if (own >= 0) segments.splice(own, 1);
        segments.push({ target: 'thought', signature });
      }
      return;
    }
    if (part.functionCall) {
      signNext(signature);
      const toolId = `toolu_${generateId()}`;
      const name = restoreFunctionName(part.functionCall.name ?? '', options.toolNames);
      start({ type: 'tool_use', id: toolId, name, input: {} });
      output.toolInput(index, part.functionCall.args ?? {});
      close();
      hasToolUse = true;
      if (signature) options.signatureCache?.set(toolId, { signature, model: upstreamModel });
      return;
    }
    if (text === undefined) return;
    if (open?.kind !== 'text') start({ type: 'text', text: '' });
    output.delta(index, { type: 'text_delta', text });
    hasOutput = true;
    // A signed text (Gemini 3's non-streamed answer) is treated as its streamed form, a text then
    // a signed empty part: the signature is kept only if more content follows, so a plain answer
    // is one text block, never a thinking block the client did not ask for in front of it.
    if (signature) trailing.push(signature);
  };

  // `sawFinishReason` is a plain property kept current rather than a getter: V8 builds an object
  // literal with an accessor on a slow path, which cost ≈ 6 µs and old-space garbage on every
  // answer (the translation is made once per request).
  const translation = {
    sawFinishReason: false,
    push(response: GenerateContentResponse) {
      if (response.usageMetadata) usage = response.usageMetadata;
      if (!started) {
        started = true;
        output.start({
          id,
          type: 'message',
          role: 'assistant',
          model: options.model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { ...tokens(), output_tokens: 0 },
        });
      }
      const candidate = response.candidates?.[0];
      for (const part of candidate?.content?.parts ?? []) pushPart(part);
      if (candidate?.groundingMetadata) pushWebSearch(candidate.groundingMetadata);
      if (candidate?.finishReason) finishReason = candidate.finishReason;
      if (!candidate && response.promptFeedback?.blockReason) blocked = true;
      translation.sawFinishReason = finishReason !== undefined || blocked;
    },
    end() {
      close();
      const mapped = blocked
        ? 'content_filter'
        : mapGeminiFinishReason({ finishReason, hasToolCalls: hasToolUse, hasOutput });
      output.finish(
        { stop_reason: STOP_REASONS[mapped] ?? 'end_turn', stop_sequence: null },
        tokens(),
      );
    },
  };
  return translation;
}

const STOP_REASONS: Record<string, AnthropicStopReason> = {
  stop: 'end_turn',
  length: 'max_tokens',
  tool_calls: 'tool_use',
  content_filter: 'refusal',
};
