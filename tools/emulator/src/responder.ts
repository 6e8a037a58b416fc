import type { EmulatorAccountState } from './emulator-account';
import { computeUsage } from './fake-model';
import type {
  GeminiCandidate,
  GeminiGenerateRequest,
  GeminiPart,
  GeminiUsageMetadata,
} from './gemini-types';
import type { AnswerCandidate, ModelAnswer } from './model-answer';

/** What a responder is told about the call it answers. */
export interface ResponderContext {
  /** Bare model id. */
  model: string;
  /** The calling account's live state. */
  account: EmulatorAccountState;
  /** True for streamGenerateContent. */
  stream: boolean;
}

/**
 * A responder's answer: either the parts of one candidate, or whole candidates (for example an
 * empty list plus a blocking `promptFeedback`). Missing `usageMetadata` is computed.
 */
export type ResponderResult =
  | { parts: GeminiPart[]; finishReason?: string; usageMetadata?: GeminiUsageMetadata }
  | {
      candidates: GeminiCandidate[];
      promptFeedback?: unknown;
      usageMetadata?: GeminiUsageMetadata;
    };

/**
 * Replaces the fake model's answer. Return `undefined` to fall back to the default answer.
 * `request` is the validated inner request with camelCase keys.
 */
export type Responder = (
  request: GeminiGenerateRequest,
  context: ResponderContext,
) => ResponderResult | undefined | Promise<ResponderResult | undefined>;

/** Turns a responder's result into the emulator's answer form. */
export function answerFromResponder(
  result: ResponderResult,
  request: GeminiGenerateRequest,
): ModelAnswer {
  if ('parts' in result) {
    const candidate: AnswerCandidate = {
      parts: result.parts,
      finishReason: result.finishReason ?? 'STOP',
    };
    return {
      candidates: [candidate],
      usageMetadata: result.usageMetadata ?? computeUsage(request, [candidate]),
    };
  }
  const candidates = result.candidates.map((wire): AnswerCandidate => {
    const { content, finishReason, index: _index, ...extra } = wire;
    const candidate: AnswerCandidate = { parts: content?.parts ?? [], extra };
    if (finishReason !== undefined) candidate.finishReason = finishReason;
    return candidate;
  });
  const answer: ModelAnswer = {
    candidates,
    usageMetadata: result.usageMetadata ?? computeUsage(request, candidates),
  };
  if (result.promptFeedback !== undefined) answer.promptFeedback = result.promptFeedback;
  return answer;
}
