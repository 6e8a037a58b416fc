export { convertChatRequestToGemini } from './request/convert-chat-request-to-gemini';
export type { ConvertedChatRequest } from './request/convert-chat-request-to-gemini';
export { convertMessagesToContents } from './request/convert-messages-to-contents';
export type { ConvertedMessages } from './request/convert-messages-to-contents';
export { convertGeminiResponseToChatCompletion } from './response/convert-gemini-response-to-chat-completion';
export type { ConvertResponseOptions } from './response/convert-gemini-response-to-chat-completion';
export { createChatCompletionChunkTranslator } from './stream/create-chat-completion-chunk-translator';
export type {
  ChatCompletionChunkTranslator,
  ChunkTranslatorOptions,
} from './stream/create-chat-completion-chunk-translator';
export { convertGeminiUsage } from './convert-gemini-usage';
export { mapGeminiFinishReason } from './map-gemini-finish-reason';
export { mapGeminiErrorToOpenAIError } from './map-gemini-error-to-openai-error';
export type { MappedOpenAIError } from './map-gemini-error-to-openai-error';
export { TranslationError } from './translator-error';
export type { TranslationErrorCode } from './translator-error';
export type { TranslationClock, TranslationWarning } from './translation-options';
