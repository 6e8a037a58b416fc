import type { GeminiUsageMetadata } from '@geminicli2api/protocol-gemini';
import type { OpenAIUsage } from '@geminicli2api/protocol-openai';

/**
 * Converts Gemini `usageMetadata` to OpenAI `usage`. Completion tokens include thinking tokens
 * (as OpenAI counts reasoning), so prompt + completion = total.
 */
export function convertGeminiUsage(usage: GeminiUsageMetadata | null | undefined): OpenAIUsage {
  const prompt = (usage?.promptTokenCount ?? 0) + (usage?.toolUsePromptTokenCount ?? 0);
  const candidates = usage?.candidatesTokenCount ?? 0;
  const thoughts = usage?.thoughtsTokenCount ?? 0;
  const total = usage?.totalTokenCount ?? undefined;
  // Older Vertex responses already counted thoughts inside candidatesTokenCount.
  const thoughtsIncluded = thoughts > 0 && total !== undefined && prompt + candidates === total;
  const completion = thoughtsIncluded ? candidates : candidates + thoughts;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: total ?? prompt + completion,
    prompt_tokens_details: { cached_tokens: usage?.cachedContentTokenCount ?? 0 },
    completion_tokens_details: { reasoning_tokens: thoughts },
  };
}
