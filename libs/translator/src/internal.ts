// @geminicli2api/translator/internal: the building blocks of the conversions, for the gateway,
// the project's tools and tests. No compatibility promise: names here may change in any release
// (docs/library.md, "What `.` exports"). Entry points and their types belong in index.ts.

// Requests
export { convertMessagesToContents } from './request/convert-messages-to-contents';
export type {
  ConvertedMessages,
  ConvertMessagesOptions,
} from './request/convert-messages-to-contents';
export { parseDataUrl, mimeTypeFromName } from './request/parse-data-url';
export type { ParsedDataUrl } from './request/parse-data-url';
export { thinkingForEffort } from './request/convert-thinking-config';
export { detectModelTraits } from './model-traits';
export type { ModelTraits, ThinkingLevel, ThinkingStyle } from './model-traits';

// Tools and schemas
export { convertTools } from './tools/convert-tools';
export type { ConvertedTools } from './tools/convert-tools';
export {
  sanitizeFunctionName,
  restoreFunctionName,
  GEMINI_FUNCTION_NAME,
} from './tools/function-names';
export { normalizeJsonSchema } from './schema/normalize-json-schema';
export type { NormalizeJsonSchemaOptions } from './schema/normalize-json-schema';
export { sanitizeLegacySchema, LEGACY_SCHEMA_KEYWORDS } from './schema/sanitize-legacy-schema';
export type { SanitizeLegacySchemaOptions } from './schema/sanitize-legacy-schema';

// Thought signatures
export {
  SKIP_THOUGHT_SIGNATURE,
  THOUGHT_ID_SEPARATOR,
  splitThoughtId,
} from './signature/signature-cache';

// Responses and usage
export {
  convertGrounding,
  convertLogprobs,
  byteOffsetToCharOffset,
} from './response/convert-grounding';
export { convertGeminiUsage } from './convert-gemini-usage';
export { mapGeminiFinishReason } from './map-gemini-finish-reason';
export { convertOpenAIUsage, mapOpenAIFinishReason } from './reverse/convert-openai-usage';

// Errors
export { recoverOpenAIParam } from './recover-openai-param';
export type { ParamMaps } from './recover-openai-param';

// Anthropic Messages and the Responses API: the gateway's building blocks
export { foldAnthropicStream } from './anthropic/convert-gemini-response-to-anthropic';
export { decodeThinkingSignature, encodeThinkingSignature } from './anthropic/thinking-signature';
export type { SignatureSegment, SignatureTarget } from './anthropic/thinking-signature';
export { visibleItem, visibleResponse } from './responses/responses-envelope';
export {
  decodeReasoningSignatures,
  encodeReasoningSignatures,
} from './responses/encrypted-content';
export type { ReasoningSignatures } from './responses/encrypted-content';
export {
  identifyInputItems,
  outputItemsToInput,
  responsesInputItems,
} from './responses/output-to-input';
