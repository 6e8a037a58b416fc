import type { GeminiCandidate, GenerateContentResponse } from '@geminicli2api/protocol-gemini';
import type {
  ChatCompletionResponse,
  OpenAIChoice,
  OpenAIResponseImage,
  OpenAIResponseToolCall,
} from '@geminicli2api/protocol-openai';
import { convertGeminiUsage } from '../convert-gemini-usage';
import { mapGeminiFinishReason } from '../map-gemini-finish-reason';
import { defaultGenerateId, type ResponseTranslationOptions } from '../translation-options';
import { buildToolCall, imageDataUrl, renderCodePart } from './build-tool-call';
import { convertGrounding, convertLogprobs } from './convert-grounding';

/** Options for {@link convertGeminiResponseToChatCompletion}. */
export type ConvertResponseOptions = ResponseTranslationOptions;

/**
 * Converts a Gemini `generateContent` response into an OpenAI `chat.completion`. Every
 * candidate becomes a choice; text parts are concatenated without separators; thoughts go to
 * `reasoning_content`; function calls to `tool_calls` (with Gemini 3 signatures in
 * `extra_content`); images to `message.images`; code execution to fenced blocks; grounding to
 * `annotations`; a blocked prompt becomes one `content_filter` choice with a refusal.
 */
export function convertGeminiResponseToChatCompletion(
  response: GenerateContentResponse,
  options: ConvertResponseOptions,
): ChatCompletionResponse {
  const { model, generateId = defaultGenerateId, now = Date.now } = options;
  const candidates = response.candidates ?? [];
  const choices =
    candidates.length > 0
      ? candidates
          .map((candidate, position) => convertCandidate(candidate, position, options))
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

function convertCandidate(
  candidate: GeminiCandidate,
  position: number,
  options: ResponseTranslationOptions,
): OpenAIChoice {
  let text = '';
  let reasoning = '';
  const toolCalls: OpenAIResponseToolCall[] = [];
  const images: OpenAIResponseImage[] = [];
  const parts = candidate.content?.parts ?? [];
  for (const part of parts) {
    const call = buildToolCall(part, options);
    const image = imageDataUrl(part);
    const code = renderCodePart(part);
    if (call) toolCalls.push(call);
    else if (image)
      images.push({ type: 'image_url', image_url: { url: image }, index: images.length });
    else if (code) text += code;
    else if (typeof part.text === 'string' && part.text !== '') {
      if (part.thought) reasoning += part.text;
      else text += part.text;
    }
  }
  const finishReason = mapGeminiFinishReason({
    finishReason: candidate.finishReason,
    hasToolCalls: toolCalls.length > 0,
    hasOutput: text !== '' || reasoning !== '' || images.length > 0,
  });
  const message: OpenAIChoice['message'] = {
    role: 'assistant',
    content:
      text !== '' ? text : toolCalls.length > 0 || finishReason === 'content_filter' ? null : '',
    refusal: null,
  };
  if (reasoning !== '') message.reasoning_content = reasoning;
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  if (images.length > 0) message.images = images;
  const annotations = convertGrounding(candidate.groundingMetadata, parts);
  if (annotations.length > 0) message.annotations = annotations;
  const choice: OpenAIChoice = {
    index: candidate.index ?? position,
    message,
    logprobs: convertLogprobs(candidate.logprobsResult),
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
