export {
  anthropicBase64SourceSchema,
  anthropicContentBlockSchema,
  anthropicDocumentBlockSchema,
  anthropicFileSourceSchema,
  anthropicImageBlockSchema,
  anthropicRedactedThinkingBlockSchema,
  anthropicServerToolUseBlockSchema,
  anthropicTextBlockSchema,
  anthropicTextSourceSchema,
  anthropicThinkingBlockSchema,
  anthropicToolResultBlockSchema,
  anthropicToolResultContentBlockSchema,
  anthropicToolUseBlockSchema,
  anthropicUrlSourceSchema,
  anthropicWebSearchToolResultBlockSchema,
} from './content-blocks';
export type {
  AnthropicContentBlock,
  AnthropicDocumentBlock,
  AnthropicImageBlock,
  AnthropicRedactedThinkingBlock,
  AnthropicTextBlock,
  AnthropicThinkingBlock,
  AnthropicToolResultBlock,
  AnthropicToolResultContentBlock,
  AnthropicToolUseBlock,
} from './content-blocks';
export {
  anthropicCustomToolSchema,
  anthropicMessageSchema,
  anthropicOutputConfigSchema,
  anthropicServerToolSchema,
  anthropicThinkingConfigSchema,
  anthropicToolChoiceSchema,
  anthropicToolSchema,
  countTokensRequestSchema,
  messagesRequestSchema,
} from './messages-request';
export type {
  AnthropicCustomTool,
  AnthropicMessage,
  AnthropicOutputConfig,
  AnthropicServerTool,
  AnthropicThinkingConfig,
  AnthropicTool,
  AnthropicToolChoice,
  CountTokensRequest,
  MessagesRequest,
} from './messages-request';
export {
  anthropicResponseContentBlockSchema,
  anthropicResponseRedactedThinkingBlockSchema,
  anthropicResponseTextBlockSchema,
  anthropicResponseThinkingBlockSchema,
  anthropicResponseToolUseBlockSchema,
  anthropicResponseServerToolUseBlockSchema,
  anthropicResponseWebSearchToolResultBlockSchema,
  anthropicWebSearchResultSchema,
  anthropicStopReasonSchema,
  anthropicUsageSchema,
  countTokensResponseSchema,
  messagesResponseSchema,
} from './messages-response';
export type {
  AnthropicResponseContentBlock,
  AnthropicResponseTextBlock,
  AnthropicResponseThinkingBlock,
  AnthropicResponseToolUseBlock,
  AnthropicResponseServerToolUseBlock,
  AnthropicResponseWebSearchToolResultBlock,
  AnthropicWebSearchResult,
  AnthropicStopReason,
  AnthropicUsage,
  CountTokensResponse,
  MessagesResponse,
} from './messages-response';
export {
  anthropicContentDeltaSchema,
  contentBlockDeltaEventSchema,
  contentBlockStartEventSchema,
  contentBlockStopEventSchema,
  messageDeltaEventSchema,
  messageStartEventSchema,
  messageStopEventSchema,
  messageStreamEventSchema,
  pingEventSchema,
} from './stream-events';
export type {
  AnthropicContentDelta,
  ContentBlockDeltaEvent,
  ContentBlockStartEvent,
  ContentBlockStopEvent,
  MessageDeltaEvent,
  MessageStartEvent,
  MessageStopEvent,
  MessageStreamEvent,
  PingEvent,
} from './stream-events';
export {
  ANTHROPIC_ERROR_STATUS,
  anthropicErrorBodySchema,
  anthropicErrorTypeForStatus,
  createAnthropicErrorBody,
} from './anthropic-error-body';
export type { AnthropicErrorBody, AnthropicErrorType } from './anthropic-error-body';
export { describeAnthropicIssues, formatAnthropicIssues } from './format-zod-issues';
export type { AnthropicValidationIssue } from './format-zod-issues';
