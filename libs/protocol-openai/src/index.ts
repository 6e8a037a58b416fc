export {
  chatCompletionRequestSchema,
  openAIAnyToolSchema,
  openAIAssistantMessageSchema,
  openAIAudioPartSchema,
  openAIChatMessageSchema,
  openAIContentPartSchema,
  openAIDeveloperMessageSchema,
  openAIExtraContentSchema,
  openAIFilePartSchema,
  openAIFunctionDefinitionSchema,
  openAIFunctionMessageSchema,
  openAIGoogleExtensionSchema,
  openAIGoogleThinkingConfigSchema,
  openAIImagePartSchema,
  openAIOtherToolSchema,
  openAIProviderSpecificFieldsSchema,
  openAIReasoningOptionsSchema,
  openAIRefusalPartSchema,
  openAIThinkingOptionsSchema,
  openAIResponseFormatSchema,
  openAISystemMessageSchema,
  openAITextPartSchema,
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
  OpenAIAudioPart,
  OpenAIChatMessage,
  OpenAIContentPart,
  OpenAIFilePart,
  OpenAIFunctionDefinition,
  OpenAIGoogleExtension,
  OpenAIGoogleThinkingConfig,
  OpenAIImagePart,
  OpenAIResponseFormat,
  OpenAITextPart,
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
