import type { GeminiPart, GeminiUsageMetadata } from './gemini-types';
import type { JsonObject } from './json-object';

/** One candidate of an answer before it is framed as a unary body or stream events. */
export interface AnswerCandidate {
  parts: GeminiPart[];
  finishReason?: string;
  /** Extra candidate fields passed through as is (e.g. `safetyRatings`). */
  extra?: JsonObject;
}

/** What the (fake or scripted) model answers; framing and envelope are added later. */
export interface ModelAnswer {
  candidates: AnswerCandidate[];
  promptFeedback?: unknown;
  /** The full, final usage. */
  usageMetadata: GeminiUsageMetadata;
}
