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
export { embeddingRequestSchema, MAX_EMBEDDING_INPUTS } from './embeddings';
export type { EmbeddingRequest, EmbeddingResponse, OpenAIEmbedding } from './embeddings';
export { imageGenerationRequestSchema } from './images';
export type { ImageGenerationRequest, ImagesResponse, OpenAIImage } from './images';
