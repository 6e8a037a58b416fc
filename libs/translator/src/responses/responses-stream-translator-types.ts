import type { GenerateContentResponse } from '@geminicli2api/protocol-gemini';
import type { ResponsesResponse, ResponsesStreamEvent } from '@geminicli2api/protocol-openai';
import type { ResponseTranslationOptions } from '../translation-options';

/** Options of {@link createResponsesStreamTranslator}. */
export interface ResponsesStreamTranslatorOptions extends ResponseTranslationOptions {
  /** The response object before output (see `createResponsesEnvelope`). */
  envelope: ResponsesResponse;
  /** Custom tool names (from the request conversion): their calls become `custom_tool_call`. */
  customTools?: ReadonlySet<string>;
  /** `local_shell` was declared (from the request conversion): its calls become `local_shell_call`. */
  localShell?: boolean;
  /** `include: ["reasoning.encrypted_content"]`: show thought signatures to the client. */
  includeEncrypted?: boolean;
}

/** Turns Gemini stream events into Responses stream events; holds the stream's state. */
export interface ResponsesStreamTranslator {
  /** `response.created` and `response.in_progress`. */
  start(): ResponsesStreamEvent[];
  /** One Gemini event (the inner response) → zero or more events. */
  push(event: GenerateContentResponse): ResponsesStreamEvent[];
  /** Closes open items and ends with `response.completed` or `response.incomplete`. */
  end(): ResponsesStreamEvent[];
  /** Ends with an `error` event and `response.failed` carrying `error` (after a failure past the first byte). */
  fail(error: { code: string; message: string }): ResponsesStreamEvent[];
  /** True once a Gemini `finishReason` (or a prompt block) was seen. */
  readonly sawFinishReason: boolean;
  /** The response so far with every item whole (thought signatures included): what a store keeps. */
  readonly response: ResponsesResponse;
}
