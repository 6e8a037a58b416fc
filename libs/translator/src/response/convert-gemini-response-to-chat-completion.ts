import type { GeminiCandidate, GenerateContentResponse } from '@geminicli2api/protocol-gemini';
import type { ChatCompletionResponse, OpenAIChoice } from '@geminicli2api/protocol-openai';
import { convertGeminiUsage } from '../convert-gemini-usage';
import { mapGeminiFinishReason } from '../map-gemini-finish-reason';
import { defaultGenerateId, type TranslationClock } from '../translation-options';

/** Options for {@link convertGeminiResponseToChatCompletion}. */
export interface ConvertResponseOptions extends TranslationClock {
  /** The model string the client asked for; echoed back as `model`. */
  model: string;
}

/**
 * Converts a Gemini `generateContent` response into an OpenAI `chat.completion`. Every
 * candidate becomes a choice; text parts are concatenated without separators; thought parts go
 * to `reasoning_content`; a blocked prompt becomes one `content_filter` choice with a refusal.
 */
export function convertGeminiResponseToChatCompletion(
  response: GenerateContentResponse,
  { model, generateId = defaultGenerateId, now = Date.now }: ConvertResponseOptions,
): ChatCompletionResponse {
  const candidates = response.candidates ?? [];
  const choices =
    candidates.length > 0
      ? candidates
          .map((candidate, position) => convertCandidate(candidate, position))
          .sort((a, b) => a.index - b.index)
      : [blockedChoice(response.promptFeedback?.blockReason)];
  return {
    id: `chatcmpl-${response.responseId ?? generateId()}`,
    object: 'chat.completion',
    created: toEpochSeconds(response.createTime, now),
    model,
    system_fingerprint: null,
    choices,
    usage: convertGeminiUsage(response.usageMetadata),
  };
}

function convertCandidate(candidate: GeminiCandidate, position: number): OpenAIChoice {
  let text = '';
  let reasoning = '';
  for (const part of candidate.content?.parts ?? []) {
    if (typeof part.text !== 'string' || part.text === '') continue;
    if (part.thought) reasoning += part.text;
    else text += part.text;
  }
  const finishReason = mapGeminiFinishReason({
    finishReason: candidate.finishReason,
    hasToolCalls: false,
    hasOutput: text !== '' || reasoning !== '',
  });
  const message: OpenAIChoice['message'] = {
    role: 'assistant',
    content: text !== '' ? text : finishReason === 'content_filter' ? null : '',
    refusal: null,
  };
  if (reasoning !== '') message.reasoning_content = reasoning;
  const choice: OpenAIChoice = {
    index: candidate.index ?? position,
    message,
    logprobs: null,
    finish_reason: finishReason,
  };
  if (candidate.finishReason) choice.native_finish_reason = candidate.finishReason.toLowerCase();
  return choice;
}

function blockedChoice(blockReason: string | null | undefined): OpenAIChoice {
  const reason = blockReason ?? 'BLOCK_REASON_UNSPECIFIED';
  return {
    index: 0,
    message: { role: 'assistant', content: null, refusal: `Prompt blocked by Gemini (${reason})` },
    logprobs: null,
    finish_reason: 'content_filter',
    native_finish_reason: reason.toLowerCase(),
  };
}

/** `createTime` (RFC 3339) as epoch seconds, else the clock. */
export function toEpochSeconds(createTime: string | null | undefined, now: () => number): number {
  const parsed = createTime ? Date.parse(createTime) : Number.NaN;
  return Math.floor((Number.isNaN(parsed) ? now() : parsed) / 1000);
}
