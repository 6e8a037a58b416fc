export {
  geminiBlobSchema,
  geminiContentSchema,
  geminiFileDataSchema,
  geminiFunctionCallSchema,
  geminiFunctionResponseSchema,
  geminiPartSchema,
} from './content';
export type {
  GeminiBlob,
  GeminiContent,
  GeminiFileData,
  GeminiFunctionCall,
  GeminiFunctionResponse,
  GeminiPart,
} from './content';
export {
  generateContentRequestSchema,
  geminiFunctionDeclarationSchema,
  geminiGenerationConfigSchema,
  geminiSafetySettingSchema,
  geminiThinkingConfigSchema,
  geminiToolConfigSchema,
  geminiToolSchema,
} from './generate-content-request';
export type {
  GeminiFunctionDeclaration,
  GeminiGenerationConfig,
  GeminiSafetySetting,
  GeminiThinkingConfig,
  GeminiTool,
  GeminiToolConfig,
  GenerateContentRequest,
} from './generate-content-request';
export {
  countTokensResponseSchema,
  generateContentResponseSchema,
  geminiCandidateSchema,
  geminiPromptFeedbackSchema,
  geminiUsageMetadataSchema,
} from './generate-content-response';
export type {
  CountTokensResponse,
  GeminiCandidate,
  GeminiPromptFeedback,
  GeminiUsageMetadata,
  GenerateContentResponse,
} from './generate-content-response';
export {
  codeAssistCountTokensRequestSchema,
  codeAssistGenerateRequestSchema,
  codeAssistGenerateResponseSchema,
  codeAssistIneligibleTierSchema,
  codeAssistOperationSchema,
  codeAssistTierSchema,
  loadCodeAssistResponseSchema,
  readProjectId,
  retrieveUserQuotaResponseSchema,
} from './code-assist-envelope';
export type {
  CodeAssistCountTokensRequest,
  CodeAssistGenerateRequest,
  CodeAssistGenerateResponse,
  CodeAssistIneligibleTier,
  CodeAssistOperation,
  CodeAssistTier,
  LoadCodeAssistResponse,
  RetrieveUserQuotaResponse,
} from './code-assist-envelope';
export {
  googleErrorBodySchema,
  googleErrorDetailSchema,
  mapHttpStatusToGoogleStatus,
  parseDurationMs,
  parseGoogleError,
  readGoogleErrorBody,
} from './gemini-error-body';
export type { GoogleError, GoogleErrorBody, GoogleErrorDetail } from './gemini-error-body';
export { createSseDecoder } from './create-sse-decoder';
export type { SseDecoder } from './create-sse-decoder';
export {
  GEMINI_MODELS,
  describeGeminiModel,
  findGeminiModel,
  modelKindOf,
  normalizeModelId,
} from './model-catalog';
export type {
  GeminiModelInfo,
  GeminiModelKind,
  GeminiThinkingBudgetRange,
  GeminiThinkingLevel,
} from './model-catalog';
export {
  DEFAULT_VARIANT,
  listModelVariants,
  splitModelVariant,
  variantSuffix,
} from './model-variants';
export type { GeminiModelVariant } from './model-variants';
export { createAliasMatcher, DEFAULT_MODEL_ALIASES, isGlobPattern } from './model-alias-rules';
export type { ModelAliasRule } from './model-alias-rules';
export { createModelCatalog, editDistance } from './create-model-catalog';
export type {
  GeminiModelCatalog,
  ListedGeminiModel,
  ModelCatalogOptions,
  ResolvedGeminiModel,
} from './create-model-catalog';
export { fitRequestToModel } from './fit-request-to-model';
export type { FittedRequest } from './fit-request-to-model';
export { normalizeRequestKeys, snakeToCamel } from './normalize-request-keys';
export type { NormalizeRequestKeysOptions } from './normalize-request-keys';
export { isGeminiApiPath, matchGeminiPath } from './match-gemini-path';
export type { GeminiPath } from './match-gemini-path';
