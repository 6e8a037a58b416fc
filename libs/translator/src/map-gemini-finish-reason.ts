import type { OpenAIFinishReason } from '@geminicli2api/protocol-openai';

const CONTENT_FILTER = new Set([
  'SAFETY',
  'RECITATION',
  'BLOCKLIST',
  'PROHIBITED_CONTENT',
  'SPII',
  'IMAGE_SAFETY',
  'IMAGE_PROHIBITED_CONTENT',
  'IMAGE_RECITATION',
  'LANGUAGE',
]);

/**
 * Maps a Gemini `finishReason` to OpenAI's `finish_reason`. Tool calls win only over a normal
 * stop; `MAX_TOKENS` stays `length` even when calls were made, safety-like reasons become
 * `content_filter`, and `OTHER` is a filter only when nothing was produced.
 */
export function mapGeminiFinishReason({
  finishReason,
  hasToolCalls,
  hasOutput,
}: {
  finishReason: string | null | undefined;
  hasToolCalls: boolean;
  hasOutput: boolean;
}): OpenAIFinishReason {
  const reason = finishReason ?? 'STOP';
  if (reason === 'MAX_TOKENS') return 'length';
  if (CONTENT_FILTER.has(reason)) return 'content_filter';
  if (reason === 'OTHER' && !hasOutput && !hasToolCalls) return 'content_filter';
  if (hasToolCalls && (reason === 'STOP' || reason === 'FINISH_REASON_UNSPECIFIED')) {
    return 'tool_calls';
  }
  return 'stop';
}
