import { z } from 'zod';
import { geminiContentSchema } from './content';
import { generateContentRequestSchema } from './generate-content-request';
import { generateContentResponseSchema } from './generate-content-response';

/**
 * Google's Code Assist API (`cloudcode-pa.googleapis.com/v1internal`) wraps the Gemini request
 * and response in an envelope. The model id is bare (no `models/` prefix) and `traceId` sits next
 * to `response`, never inside it.
 */

/** The body of `v1internal:generateContent` and `v1internal:streamGenerateContent`. */
export const codeAssistGenerateRequestSchema = z.looseObject({
  model: z.string(),
  project: z.string().optional(),
  user_prompt_id: z.string().optional(),
  request: generateContentRequestSchema.extend({ session_id: z.string().optional() }),
});

/** Each response body (and each SSE event) of a Code Assist generate call. */
export const codeAssistGenerateResponseSchema = z.looseObject({
  response: generateContentResponseSchema.nullish(),
  traceId: z.string().nullish(),
});

/** The body of `v1internal:countTokens`: the model goes inside `request`, with `models/`. */
export const codeAssistCountTokensRequestSchema = z.looseObject({
  request: z.looseObject({
    model: z.string(),
    contents: z.array(geminiContentSchema),
  }),
});

/** A user tier as `loadCodeAssist` reports it. */
export const codeAssistTierSchema = z.looseObject({
  id: z.string().nullish(),
  name: z.string().nullish(),
  description: z.string().nullish(),
  isDefault: z.boolean().nullish(),
  userDefinedCloudaicompanionProject: z.boolean().nullish(),
});

/** Why an account cannot use a tier. */
export const codeAssistIneligibleTierSchema = z.looseObject({
  reasonCode: z.string().nullish(),
  reasonMessage: z.string().nullish(),
  tierId: z.string().nullish(),
  tierName: z.string().nullish(),
  validationUrl: z.string().nullish(),
  validationErrorMessage: z.string().nullish(),
});

/** A project appears as a string in loadCodeAssist and as `{id, name}` after onboarding. */
const projectReferenceSchema = z.union([
  z.string(),
  z.looseObject({ id: z.string().nullish(), name: z.string().nullish() }),
]);

/** The body of a `v1internal:loadCodeAssist` response. */
export const loadCodeAssistResponseSchema = z.looseObject({
  currentTier: codeAssistTierSchema.nullish(),
  allowedTiers: z.array(codeAssistTierSchema).nullish(),
  ineligibleTiers: z.array(codeAssistIneligibleTierSchema).nullish(),
  paidTier: codeAssistTierSchema.nullish(),
  cloudaicompanionProject: projectReferenceSchema.nullish(),
});

/** A long-running operation from `onboardUser` or `GET v1internal/operations/{id}`. */
export const codeAssistOperationSchema = z.looseObject({
  name: z.string().nullish(),
  done: z.boolean().nullish(),
  response: z.looseObject({ cloudaicompanionProject: projectReferenceSchema.nullish() }).nullish(),
});

/** The body of a `v1internal:retrieveUserQuota` response. */
export const retrieveUserQuotaResponseSchema = z.looseObject({
  buckets: z
    .array(
      z.looseObject({
        modelId: z.string().nullish(),
        remainingAmount: z.string().nullish(),
        remainingFraction: z.number().nullish(),
        resetTime: z.string().nullish(),
        tokenType: z.string().nullish(),
      }),
    )
    .nullish(),
});

/** Returns the project id from either form (`"p"` or `{id: "p"}`), or undefined. */
export function readProjectId(
  value: z.infer<typeof projectReferenceSchema> | null | undefined,
): string | undefined {
  if (typeof value === 'string') return value || undefined;
  return value?.id || undefined;
}

export type CodeAssistGenerateRequest = z.infer<typeof codeAssistGenerateRequestSchema>;
export type CodeAssistGenerateResponse = z.infer<typeof codeAssistGenerateResponseSchema>;
export type CodeAssistCountTokensRequest = z.infer<typeof codeAssistCountTokensRequestSchema>;
export type CodeAssistTier = z.infer<typeof codeAssistTierSchema>;
export type CodeAssistIneligibleTier = z.infer<typeof codeAssistIneligibleTierSchema>;
export type LoadCodeAssistResponse = z.infer<typeof loadCodeAssistResponseSchema>;
export type CodeAssistOperation = z.infer<typeof codeAssistOperationSchema>;
export type RetrieveUserQuotaResponse = z.infer<typeof retrieveUserQuotaResponseSchema>;
