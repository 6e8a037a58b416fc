// Requests: OpenAI → Gemini
export { convertChatRequestToGemini } from './request/convert-chat-request-to-gemini';
export type {
  ConvertedChatRequest,
  ConvertRequestOptions,
} from './request/convert-chat-request-to-gemini';
export { convertMessagesToContents } from './request/convert-messages-to-contents';
export type {
  ConvertedMessages,
  ConvertMessagesOptions,
} from './request/convert-messages-to-contents';
export { collectRemoteMediaUrls } from './request/collect-remote-media-urls';
export { parseDataUrl, mimeTypeFromName } from './request/parse-data-url';
export type { ParsedDataUrl } from './request/parse-data-url';
export { thinkingForEffort } from './request/convert-thinking-config';
export type { ReasoningEffort } from './request/convert-thinking-config';
export { detectModelTraits } from './model-traits';
export type { ModelTraits, ThinkingLevel, ThinkingStyle } from './model-traits';

// Tools and schemas
export { convertTools } from './tools/convert-tools';
export type { ConvertedTools, SchemaMode } from './tools/convert-tools';
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
  LruSignatureCache,
  SKIP_THOUGHT_SIGNATURE,
  THOUGHT_ID_SEPARATOR,
  splitThoughtId,
} from './signature/signature-cache';
export type { CachedThoughtSignature, SignatureCache } from './signature/signature-cache';

// Responses and streams: Gemini → OpenAI
export { convertGeminiResponseToChatCompletion } from './response/convert-gemini-response-to-chat-completion';
export type { ConvertResponseOptions } from './response/convert-gemini-response-to-chat-completion';
export {
  convertGrounding,
  convertLogprobs,
  byteOffsetToCharOffset,
} from './response/convert-grounding';
export { createChatCompletionChunkTranslator } from './stream/create-chat-completion-chunk-translator';
export type {
  ChatCompletionChunkTranslator,
  ChunkTranslatorOptions,
} from './stream/create-chat-completion-chunk-translator';
export { convertGeminiUsage } from './convert-gemini-usage';
export { mapGeminiFinishReason } from './map-gemini-finish-reason';

// The other direction: Gemini request → OpenAI request
export { convertGeminiRequestToOpenAI } from './reverse/convert-gemini-request-to-openai';
export type { ConvertedOpenAIRequest } from './reverse/convert-gemini-request-to-openai';
export { convertChatCompletionToGemini } from './reverse/convert-chat-completion-to-gemini';
export type {
  ConvertedGeminiResponse,
  ConvertToGeminiResponseOptions,
} from './reverse/convert-chat-completion-to-gemini';
export { createGeminiEventTranslator } from './reverse/create-gemini-event-translator';
export type {
  GeminiEventTranslator,
  GeminiStreamEvent,
  OpenAIStreamEvent,
} from './reverse/create-gemini-event-translator';
export { convertOpenAIUsage, mapOpenAIFinishReason } from './reverse/convert-openai-usage';
export { mapOpenAIErrorToGeminiError } from './reverse/map-openai-error-to-gemini-error';

// Errors
export { mapGeminiErrorToOpenAIError } from './map-gemini-error-to-openai-error';
export type { MappedOpenAIError } from './map-gemini-error-to-openai-error';
export { recoverOpenAIParam } from './recover-openai-param';
export type { ParamMaps } from './recover-openai-param';
export { TranslationError } from './translator-error';
export type { TranslationErrorCode } from './translator-error';

// Shared option types
export type {
  ResolvedMedia,
  ResponseTranslationOptions,
  ToolNameMap,
  TranslationClock,
  TranslationWarning,
} from './translation-options';

// Anthropic Messages ⇄ Gemini
export { convertAnthropicRequestToGemini } from './anthropic/convert-anthropic-request';
export type {
  ConvertAnthropicRequestOptions,
  ConvertedAnthropicRequest,
} from './anthropic/convert-anthropic-request';
export { collectAnthropicMediaUrls } from './anthropic/convert-anthropic-blocks';
export {
  convertGeminiResponseToAnthropic,
  foldAnthropicStream,
} from './anthropic/convert-gemini-response-to-anthropic';
export { createAnthropicStreamTranslator } from './anthropic/create-anthropic-stream-translator';
export type {
  AnthropicStreamOptions,
  AnthropicStreamTranslator,
} from './anthropic/create-anthropic-stream-translator';
export { decodeThinkingSignature, encodeThinkingSignature } from './anthropic/thinking-signature';
export type { SignatureSegment, SignatureTarget } from './anthropic/thinking-signature';
// The Responses API: OpenAI Responses ⇄ Gemini
export { convertResponsesRequestToGemini } from './responses/convert-responses-request';
export type {
  ConvertedResponsesRequest,
  ConvertResponsesRequestOptions,
} from './responses/convert-responses-request';
export { convertGeminiResponseToResponses } from './responses/convert-gemini-response-to-responses';
export type { ConvertedResponsesResponse } from './responses/convert-gemini-response-to-responses';
export { createResponsesStreamTranslator } from './responses/create-responses-stream-translator';
export type {
  ResponsesStreamTranslator,
  ResponsesStreamTranslatorOptions,
} from './responses/create-responses-stream-translator';
export {
  createResponsesEnvelope,
  convertResponsesUsage,
  visibleItem,
  visibleResponse,
} from './responses/responses-envelope';
export type { ResponsesEnvelopeOptions } from './responses/responses-envelope';
export {
  decodeReasoningSignatures,
  encodeReasoningSignatures,
} from './responses/encrypted-content';
export type { ReasoningSignatures } from './responses/encrypted-content';
export {
  collectResponsesMediaUrls,
  identifyInputItems,
  outputItemsToInput,
} from './responses/output-to-input';
