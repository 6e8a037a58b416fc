import type { GeminiPart, GeminiUsageMetadata } from '@geminicli2api/protocol-gemini';
import type { OpenAIUsage } from '@geminicli2api/protocol-openai';
import { isRecord, type TranslationWarning } from '../translation-options';

const FINISH: Record<string, string> = {
  stop: 'STOP',
  length: 'MAX_TOKENS',
  tool_calls: 'STOP',
  function_call: 'STOP',
  content_filter: 'SAFETY',
};

/**
 * Maps an OpenAI `finish_reason` to a Gemini `finishReason` (translation.md §3.6 step 4):
 * `stop`/`tool_calls`/`function_call` → `STOP`, `length` → `MAX_TOKENS`, `content_filter` →
 * `SAFETY`; anything else (a vendor value) → `OTHER`.
 */
export function mapOpenAIFinishReason(reason: string): string {
  return FINISH[reason] ?? 'OTHER';
}

/**
 * Converts OpenAI `usage` to Gemini `usageMetadata` (§3.6 step 5). Reasoning tokens are part of
 * OpenAI's completion tokens, so `candidatesTokenCount = completion − reasoning` and thoughts are
 * reported separately (never counted twice).
 */
export function convertOpenAIUsage(usage: OpenAIUsage): GeminiUsageMetadata {
  const reasoning = usage.completion_tokens_details?.reasoning_tokens ?? 0;
  const out: GeminiUsageMetadata = {
    promptTokenCount: usage.prompt_tokens,
    candidatesTokenCount: Math.max(0, usage.completion_tokens - reasoning),
    totalTokenCount: usage.total_tokens,
  };
  if (reasoning > 0) out.thoughtsTokenCount = reasoning;
  const cached = usage.prompt_tokens_details?.cached_tokens ?? 0;
  if (cached > 0) out.cachedContentTokenCount = cached;
  return out;
}

/** One OpenAI tool call, whole (non-stream) or accumulated from stream fragments. */
export interface OpenAICallInput {
  name: string;
  arguments: string;
  /** OpenAI path of `arguments`, for the warning. */
  param: string;
  /** Kept on `functionCall.id` only when the caller asks for ids. */
  id?: string;
  /** `extra_content.google.thought_signature`, restored as the part's `thoughtSignature`. */
  signature?: string | null;
}

/**
 * Builds a `functionCall` part from an OpenAI call. Gemini needs `args` as an object: invalid or
 * non-object JSON becomes `{}` and a warning naming the `param`.
 */
export function toFunctionCallPart(
  call: OpenAICallInput,
  warnings: TranslationWarning[],
): GeminiPart {
  let args: Record<string, unknown> = {};
  if (call.arguments.trim() !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(call.arguments);
    } catch {
      parsed = undefined;
    }
    if (isRecord(parsed)) args = parsed;
    else
      warnings.push({
        param: call.param,
        message: 'Tool-call arguments are not a JSON object; sent as {}.',
      });
  }
  const part: GeminiPart = {
    functionCall: { ...(call.id ? { id: call.id } : {}), name: call.name, args },
  };
  if (call.signature) part.thoughtSignature = call.signature;
  return part;
}

/** `data:<mime>;base64,<data>` → an `inlineData` part; other URLs → `fileData`. */
export function imageUrlToPart(url: string): GeminiPart {
  const match = /^data:([^;,]+)(?:;[^,]*)?;base64,(.*)$/s.exec(url);
  if (match?.[1] && match[2] !== undefined)
    return { inlineData: { mimeType: match[1], data: match[2] } };
  return { fileData: { fileUri: url } };
}

/** Epoch seconds → RFC 3339, as Gemini's `createTime`. */
export function toRfc3339(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString();
}
