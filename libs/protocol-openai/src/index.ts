export {
  openAIAudioPartSchema,
  openAIContentPartSchema,
  openAIFilePartSchema,
  openAIImagePartSchema,
  openAIRefusalPartSchema,
  openAITextPartSchema,
} from './chat-content-parts';
export type {
  OpenAIAudioPart,
  OpenAIContentPart,
  OpenAIFilePart,
  OpenAIImagePart,
  OpenAITextPart,
} from './chat-content-parts';
export {
  chatCompletionRequestSchema,
  openAIAnyToolSchema,
  openAIAssistantMessageSchema,
  openAIChatMessageSchema,
  openAIDeveloperMessageSchema,
  openAIExtraContentSchema,
  openAIFunctionDefinitionSchema,
  openAIFunctionMessageSchema,
  openAIGoogleExtensionSchema,
  openAIGoogleThinkingConfigSchema,
  openAIOtherToolSchema,
  openAIProviderSpecificFieldsSchema,
  openAIReasoningOptionsSchema,
  openAIThinkingOptionsSchema,
  openAIResponseFormatSchema,
  openAISystemMessageSchema,
  openAIToolCallSchema,
  openAIToolChoiceSchema,
  openAIToolMessageSchema,
  openAIToolSchema,
  openAIUserMessageSchema,
} from './chat-completion-request';
export type {
  ChatCompletionRequest,
  ChatCompletionRequestInput,
  OpenAIAnyTool,
  OpenAIChatMessage,
  OpenAIFunctionDefinition,
  OpenAIGoogleExtension,
  OpenAIGoogleThinkingConfig,
  OpenAIResponseFormat,
  OpenAITool,
  OpenAIToolCall,
  OpenAIToolChoice,
} from './chat-completion-request';
export {
  chatCompletionResponseSchema,
  openAIAnnotationSchema,
  openAIChoiceSchema,
  openAIFinishReasonSchema,
  openAIResponseImageSchema,
  openAIResponseMessageSchema,
  openAIResponseToolCallSchema,
  openAIUsageSchema,
} from './chat-completion-response';
export type {
  ChatCompletionResponse,
  OpenAIAnnotation,
  OpenAIChoice,
  OpenAIFinishReason,
  OpenAIResponseImage,
  OpenAIResponseMessage,
  OpenAIResponseToolCall,
  OpenAIUsage,
} from './chat-completion-response';
export {
  chatCompletionChunkSchema,
  openAIChunkChoiceSchema,
  openAIChunkDeltaSchema,
  openAIToolCallDeltaSchema,
} from './chat-completion-chunk';
export type {
  ChatCompletionChunk,
  OpenAIChunkChoice,
  OpenAIChunkDelta,
  OpenAIToolCallDelta,
} from './chat-completion-chunk';
export { createOpenAIErrorBody, openAIErrorBodySchema } from './openai-error-body';
export type { OpenAIError, OpenAIErrorBody } from './openai-error-body';
export { openAIModelListSchema, openAIModelSchema } from './model-list';
export type { OpenAIModel, OpenAIModelList } from './model-list';
export { formatZodIssues } from './format-zod-issues';
export type { ValidationIssue } from './format-zod-issues';
export {
  responsesContentPartSchema,
  responsesCustomToolCallItemSchema,
  responsesCustomToolCallOutputItemSchema,
  responsesFunctionCallItemSchema,
  responsesFunctionCallOutputItemSchema,
  responsesInputFileSchema,
  responsesInputImageSchema,
  responsesInputItemSchema,
  responsesInputTextSchema,
  responsesLocalShellActionSchema,
  responsesLocalShellCallItemSchema,
  responsesLocalShellCallOutputItemSchema,
  responsesMessageItemSchema,
  responsesOutputTextSchema,
  responsesReasoningItemSchema,
  responsesRefusalSchema,
  responsesSummaryTextSchema,
} from './responses-input';
export type {
  ResponsesContentPart,
  ResponsesCustomToolCallItem,
  ResponsesCustomToolCallOutputItem,
  ResponsesFunctionCallItem,
  ResponsesFunctionCallOutputItem,
  ResponsesInputItem,
  ResponsesLocalShellAction,
  ResponsesLocalShellCallItem,
  ResponsesMessageItem,
  ResponsesReasoningItem,
} from './responses-input';
export {
  responsesCustomToolSchema,
  responsesFunctionToolSchema,
  responsesNamespaceToolSchema,
  responsesOtherToolSchema,
  responsesReasoningOptionsSchema,
  responsesRequestSchema,
  responsesTextFormatSchema,
  responsesToolChoiceSchema,
  responsesToolSchema,
} from './responses-request';
export type {
  ResponsesCustomTool,
  ResponsesFunctionTool,
  ResponsesRequest,
  ResponsesRequestInput,
  ResponsesTextFormat,
  ResponsesTool,
  ResponsesToolChoice,
} from './responses-request';
export {
  responsesDeletedSchema,
  responsesInputTokensSchema,
  responsesOutputCustomToolCallSchema,
  responsesOutputFunctionCallSchema,
  responsesOutputItemSchema,
  responsesOutputLocalShellCallSchema,
  responsesOutputMessageSchema,
  responsesOutputReasoningSchema,
  responsesOutputTextPartSchema,
  responsesResponseSchema,
  responsesUrlCitationSchema,
  responsesUsageSchema,
} from './responses-object';
export type {
  ResponsesDeleted,
  ResponsesInputTokens,
  ResponsesOutputCustomToolCall,
  ResponsesOutputFunctionCall,
  ResponsesOutputItem,
  ResponsesOutputLocalShellCall,
  ResponsesOutputMessage,
  ResponsesOutputReasoning,
  ResponsesResponse,
  ResponsesUrlCitation,
  ResponsesUsage,
} from './responses-object';
export { responsesStreamEventSchema } from './responses-stream-events';
export type { ResponsesStreamEvent, ResponsesStreamEventBody } from './responses-stream-events';
export { embeddingRequestSchema, MAX_EMBEDDING_INPUTS } from './embeddings';
export type { EmbeddingRequest, EmbeddingResponse, OpenAIEmbedding } from './embeddings';
export { imageGenerationRequestSchema } from './images';
export type { ImageGenerationRequest, ImagesResponse, OpenAIImage } from './images';
