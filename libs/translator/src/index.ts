// The public API of @geminicli2api/translator. The rule (docs/library.md, "What `.` exports"):
// `.` holds the convert / create entry points, the values their options take, the errors and the
// types of all of these; every other helper goes to `./internal` (src/internal.ts), which carries
// no compatibility promise. Add a new conversion as its own section below.

// OpenAI Chat Completions → Gemini: requests
export { convertChatRequestToGemini } from './request/convert-chat-request-to-gemini';
export type {
  ConvertedChatRequest,
  ConvertRequestOptions,
} from './request/convert-chat-request-to-gemini';
export { collectRemoteMediaUrls } from './request/collect-remote-media-urls';
export type { ReasoningEffort } from './request/convert-thinking-config';
export type { SchemaMode } from './tools/convert-tools';

// Gemini → OpenAI Chat Completions: responses and streams
export { convertGeminiResponseToChatCompletion } from './response/convert-gemini-response-to-chat-completion';
export type { ConvertResponseOptions } from './response/convert-gemini-response-to-chat-completion';
export { createChatCompletionChunkTranslator } from './stream/create-chat-completion-chunk-translator';
export type {
  ChatCompletionChunkTranslator,
  ChunkTranslatorOptions,
} from './stream/create-chat-completion-chunk-translator';

// Gemini 3 thought signatures (an option of the conversions above)
export { LruSignatureCache } from './signature/signature-cache';
export type { CachedThoughtSignature, SignatureCache } from './signature/signature-cache';

// The other direction: a Gemini client in front of an OpenAI-compatible server
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

// Errors
export { TranslationError } from './translator-error';
export type { TranslationErrorCode } from './translator-error';
export { mapGeminiErrorToOpenAIError } from './map-gemini-error-to-openai-error';
export type { MappedOpenAIError } from './map-gemini-error-to-openai-error';
export { mapOpenAIErrorToGeminiError } from './reverse/map-openai-error-to-gemini-error';

// Shared option and result types
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
export { convertGeminiResponseToAnthropic } from './anthropic/convert-gemini-response-to-anthropic';
export { createAnthropicStreamTranslator } from './anthropic/create-anthropic-stream-translator';
export type {
  AnthropicStreamOptions,
  AnthropicStreamTranslator,
} from './anthropic/create-anthropic-stream-translator';

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
export { createResponsesEnvelope, convertResponsesUsage } from './responses/responses-envelope';
export type { ResponsesEnvelopeOptions } from './responses/responses-envelope';
export { collectResponsesMediaUrls } from './responses/output-to-input';
