import { z } from 'zod';
import { geminiContentSchema } from './content';

/**
 * Upstream responses are parsed leniently: only the fields the gateway reads are listed, all
 * optional, unknown fields kept. A new field from Google must never become a 500.
 */

/** Token accounting. In streams it is cumulative: keep the last one, never sum. */
export const geminiUsageMetadataSchema = z.looseObject({
  promptTokenCount: z.number().nullish(),
  candidatesTokenCount: z.number().nullish(),
  totalTokenCount: z.number().nullish(),
  thoughtsTokenCount: z.number().nullish(),
  cachedContentTokenCount: z.number().nullish(),
  toolUsePromptTokenCount: z.number().nullish(),
});

/** One candidate answer. */
export const geminiCandidateSchema = z.looseObject({
  content: geminiContentSchema.partial().nullish(),
  finishReason: z.string().nullish(),
  index: z.number().int().nullish(),
  finishMessage: z.string().nullish(),
  groundingMetadata: z.unknown().optional(),
  citationMetadata: z.unknown().optional(),
  safetyRatings: z.unknown().optional(),
  logprobsResult: z.unknown().optional(),
});

/** Why a prompt was refused before any candidate was produced. */
export const geminiPromptFeedbackSchema = z.looseObject({
  blockReason: z.string().nullish(),
  blockReasonMessage: z.string().nullish(),
});

/** The body of a `generateContent` response, and of each streamed event. */
export const generateContentResponseSchema = z.looseObject({
  candidates: z.array(geminiCandidateSchema).nullish(),
  promptFeedback: geminiPromptFeedbackSchema.nullish(),
  usageMetadata: geminiUsageMetadataSchema.nullish(),
  modelVersion: z.string().nullish(),
  responseId: z.string().nullish(),
  createTime: z.string().nullish(),
});

/** The body of a `countTokens` response. */
export const countTokensResponseSchema = z.looseObject({
  totalTokens: z.number().nullish(),
});

export type GeminiUsageMetadata = z.infer<typeof geminiUsageMetadataSchema>;
export type GeminiCandidate = z.infer<typeof geminiCandidateSchema>;
export type GeminiPromptFeedback = z.infer<typeof geminiPromptFeedbackSchema>;
export type GenerateContentResponse = z.infer<typeof generateContentResponseSchema>;
export type CountTokensResponse = z.infer<typeof countTokensResponseSchema>;
