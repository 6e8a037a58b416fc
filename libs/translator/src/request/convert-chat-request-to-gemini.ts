import type { GeminiGenerationConfig, GenerateContentRequest } from '@geminicli2api/protocol-gemini';
import type { ChatCompletionRequest } from '@geminicli2api/protocol-openai';
import type { TranslationWarning } from '../translation-options';
import { convertMessagesToContents } from './convert-messages-to-contents';

/** The translated request plus what the translator ignored along the way. */
export interface ConvertedChatRequest {
  request: GenerateContentRequest;
  warnings: TranslationWarning[];
}

/**
 * Converts an OpenAI chat completion request into a Gemini `GenerateContentRequest` (the inner
 * request; wrapping it for Code Assist is the transport's job). Nothing is injected that the
 * client did not ask for: no default safety settings, no thinking config, no temperature.
 */
export function convertChatRequestToGemini(request: ChatCompletionRequest): ConvertedChatRequest {
  const warnings: TranslationWarning[] = [];
  const { contents, systemInstruction } = convertMessagesToContents(request.messages);
  const generationConfig = convertGenerationConfig(request, warnings);
  const out: GenerateContentRequest = { contents };
  if (systemInstruction) out.systemInstruction = systemInstruction;
  if (Object.keys(generationConfig).length > 0) out.generationConfig = generationConfig;
  return { request: out, warnings };
}

function convertGenerationConfig(
  request: ChatCompletionRequest,
  warnings: TranslationWarning[],
): GeminiGenerationConfig {
  const config: GeminiGenerationConfig = {};
  if (request.temperature != null) config.temperature = request.temperature;
  if (request.top_p != null) config.topP = request.top_p;
  if (request.top_k != null) config.topK = request.top_k;
  if (request.n != null && request.n > 1) config.candidateCount = request.n;
  const maxTokens = request.max_completion_tokens ?? request.max_tokens;
  if (maxTokens != null) config.maxOutputTokens = maxTokens;
  if (request.stop != null) {
    const stops = (typeof request.stop === 'string' ? [request.stop] : request.stop).filter(
      (stop) => stop !== '',
    );
    if (stops.length > 0) config.stopSequences = stops;
  }
  if (request.presence_penalty != null) config.presencePenalty = request.presence_penalty;
  if (request.frequency_penalty != null) config.frequencyPenalty = request.frequency_penalty;
  if (request.seed != null) config.seed = request.seed;
  if (request.logit_bias != null) {
    warnings.push({ param: 'logit_bias', message: 'logit_bias is not supported by Gemini; ignored.' });
  }
  const format = request.response_format;
  if (format?.type === 'json_object') config.responseMimeType = 'application/json';
  if (format?.type === 'json_schema') {
    config.responseMimeType = 'application/json';
    if (format.json_schema.schema) config.responseJsonSchema = format.json_schema.schema;
  }
  return config;
}
