import type { GenerateContentResponse } from '@geminicli2api/protocol-gemini';
import type { ResponsesResponse } from '@geminicli2api/protocol-openai';
import {
  createResponsesTranslation,
  type ResponsesStreamTranslatorOptions,
} from './create-responses-stream-translator';
import { visibleResponse } from './responses-envelope';

/** A whole Gemini answer as a Responses response. */
export interface ConvertedResponsesResponse {
  /** What the client receives (`encrypted_content` only when included). */
  response: ResponsesResponse;
  /** Every item whole, thought signatures included: what a response store keeps. */
  stored: ResponsesResponse;
}

/**
 * Converts a non-streamed Gemini answer into a Responses response object. It is the stream
 * converter run over one event (without building its events), so both forms carry the same
 * items, ids aside.
 */
export function convertGeminiResponseToResponses(
  answer: GenerateContentResponse,
  options: ResponsesStreamTranslatorOptions,
): ConvertedResponsesResponse {
  const translator = createResponsesTranslation(options, false);
  translator.start();
  translator.push(answer);
  translator.end();
  const stored = translator.response;
  return { response: visibleResponse(stored, options.includeEncrypted ?? false), stored };
}
