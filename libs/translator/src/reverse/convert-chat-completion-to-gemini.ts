import type {
  GeminiCandidate,
  GeminiPart,
  GenerateContentResponse,
} from '@geminicli2api/protocol-gemini';
import type { ChatCompletionResponse, OpenAIChoice } from '@geminicli2api/protocol-openai';
import { isRecord, type TranslationWarning } from '../translation-options';
import {
  convertOpenAIUsage,
  imageUrlToPart,
  mapOpenAIFinishReason,
  toFunctionCallPart,
  toRfc3339,
} from './convert-openai-usage';

/** Options for {@link convertChatCompletionToGemini}. */
export interface ConvertToGeminiResponseOptions {
  /** Put OpenAI tool-call ids on `functionCall.id` (for Gemini-API clients that use ids). */
  includeCallIds?: boolean;
}

/** The Gemini response plus what could not be expressed. */
export interface ConvertedGeminiResponse {
  response: GenerateContentResponse;
  warnings: TranslationWarning[];
}

/**
 * Converts an OpenAI `chat.completion` into a Gemini `GenerateContentResponse`
 * (translation.md §4.2), for a Gemini-facing endpoint over an OpenAI-compatible backend. Every
 * choice becomes its own candidate; reasoning becomes a leading thought part; tool calls become
 * `functionCall` parts (invalid argument JSON → `{}` plus a warning); usage follows §3.6 step 5.
 */
export function convertChatCompletionToGemini(
  completion: ChatCompletionResponse,
  options: ConvertToGeminiResponseOptions = {},
): ConvertedGeminiResponse {
  const warnings: TranslationWarning[] = [];
  const candidates = [...completion.choices]
    .sort((a, b) => a.index - b.index)
    .map((choice) => convertChoice(choice, options, warnings));
  const response: GenerateContentResponse = { candidates };
  if (completion.usage) response.usageMetadata = convertOpenAIUsage(completion.usage);
  response.modelVersion = completion.model;
  response.responseId = completion.id;
  if (Number.isFinite(completion.created)) response.createTime = toRfc3339(completion.created);
  return { response, warnings };
}

function convertChoice(
  choice: OpenAIChoice,
  options: ConvertToGeminiResponseOptions,
  warnings: TranslationWarning[],
): GeminiCandidate {
  const { message } = choice;
  const base = `choices[${choice.index}].message`;
  const parts: GeminiPart[] = [];
  if (message.reasoning_content) parts.push({ text: message.reasoning_content, thought: true });
  if (message.content) parts.push({ text: message.content });
  const refusalOnly = !message.content && !!message.refusal;
  if (refusalOnly && message.refusal) parts.push({ text: message.refusal });
  for (const image of message.images ?? []) parts.push(imageUrlToPart(image.image_url.url));
  const audio: unknown = (message as Record<string, unknown>)['audio'];
  if (isRecord(audio) && typeof audio['data'] === 'string') {
    parts.push({ inlineData: { mimeType: 'audio/wav', data: audio['data'] } });
  }
  (message.tool_calls ?? []).forEach((call, index) => {
    const part = toFunctionCallPart(
      {
        name: call.function.name,
        arguments: call.function.arguments,
        param: `${base}.tool_calls[${index}].function.arguments`,
        id: options.includeCallIds ? call.id : undefined,
        signature: call.extra_content?.google?.thought_signature,
      },
      warnings,
    );
    parts.push(part);
  });
  const candidate: GeminiCandidate = { content: { role: 'model', parts }, index: choice.index };
  if (refusalOnly && (choice.finish_reason === null || choice.finish_reason === 'stop'))
    candidate.finishReason = 'SAFETY';
  else if (choice.finish_reason)
    candidate.finishReason = mapOpenAIFinishReason(choice.finish_reason);
  const logprobs = convertLogprobsToGemini(choice.logprobs);
  if (logprobs) candidate.logprobsResult = logprobs;
  return candidate;
}

interface OpenAITokenLogprob {
  token: string;
  logprob: number;
  top_logprobs?: { token: string; logprob: number }[];
}

/** `logprobs.content[]` → `logprobsResult.chosenCandidates` / `topCandidates`. */
function convertLogprobsToGemini(value: unknown): Record<string, unknown> | undefined {
  if (!isRecord(value) || !Array.isArray(value['content'])) return undefined;
  const tokens = (value['content'] as unknown[]).filter(
    (entry): entry is OpenAITokenLogprob => isRecord(entry) && typeof entry['token'] === 'string',
  );
  return {
    chosenCandidates: tokens.map((entry) => ({
      token: entry.token,
      logProbability: entry.logprob,
    })),
    topCandidates: tokens.map((entry) => ({
      candidates: (entry.top_logprobs ?? []).map((top) => ({
        token: top.token,
        logProbability: top.logprob,
      })),
    })),
  };
}
