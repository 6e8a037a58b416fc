import type { GeminiGenerationConfig } from '@geminicli2api/protocol-gemini';
import type { ChatCompletionRequest } from '@geminicli2api/protocol-openai';
import type { ModelTraits } from '../model-traits';
import { normalizeJsonSchema } from '../schema/normalize-json-schema';
import { sanitizeLegacySchema } from '../schema/sanitize-legacy-schema';
import type { SchemaMode } from '../tools/convert-tools';
import type { TranslationWarning } from '../translation-options';
import { TranslationError } from '../translator-error';
import { convertThinkingConfig } from './convert-thinking-config';

/** `generationConfig` keys a client may pass through the `generationConfig` escape hatch. */
const PASSTHROUGH_KEYS = new Set([
  'temperature',
  'topP',
  'topK',
  'candidateCount',
  'maxOutputTokens',
  'stopSequences',
  'seed',
  'presencePenalty',
  'frequencyPenalty',
  'responseMimeType',
  'responseModalities',
  'mediaResolution',
  'speechConfig',
  'imageConfig',
  'responseLogprobs',
  'logprobs',
]);

/**
 * Sampling, length, output-format and thinking settings → `generationConfig`. Nothing is
 * injected that the client did not ask for.
 */
export function convertGenerationConfig(
  request: ChatCompletionRequest,
  traits: ModelTraits,
  schemaMode: SchemaMode,
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
  for (const key of ['presence_penalty', 'frequency_penalty'] as const) {
    const value = request[key];
    if (value == null) continue;
    if (traits.gemini3)
      warnings.push({
        param: key,
        message: `${key} is not supported by Gemini 3 models; ignored.`,
      });
    else config[key === 'presence_penalty' ? 'presencePenalty' : 'frequencyPenalty'] = value;
  }
  if (request.seed != null) config.seed = request.seed;
  if (request.logit_bias != null)
    warnings.push({
      param: 'logit_bias',
      message: 'logit_bias is not supported by Gemini; ignored.',
    });
  if (request.top_logprobs != null && request.logprobs !== true) {
    throw new TranslationError({
      message: 'top_logprobs requires logprobs to be true.',
      param: 'top_logprobs',
    });
  }
  if (request.logprobs === true) {
    config.responseLogprobs = true;
    if (request.top_logprobs != null) config.logprobs = request.top_logprobs;
  }
  const format = request.response_format;
  if (format?.type === 'json_object') config.responseMimeType = 'application/json';
  if (format?.type === 'json_schema') {
    config.responseMimeType = 'application/json';
    const schema = format.json_schema.schema;
    if (schema && schemaMode === 'legacy')
      config.responseSchema = sanitizeLegacySchema(schema, { propertyOrdering: true });
    else if (schema)
      config.responseJsonSchema = normalizeJsonSchema(schema, {
        param: 'response_format.json_schema.schema',
      });
  }
  if (request.modalities != null) config.responseModalities = convertModalities(request.modalities);
  const thinking = convertThinkingConfig(request, traits, warnings);
  if (thinking) config.thinkingConfig = thinking;
  for (const [key, value] of Object.entries(request.generationConfig ?? {})) {
    if (PASSTHROUGH_KEYS.has(key)) (config as Record<string, unknown>)[key] = value;
    else
      warnings.push({
        param: `generationConfig.${key}`,
        message: `generationConfig.${key} is not passed through; ignored.`,
      });
  }
  return config;
}

function convertModalities(modalities: readonly string[]): string[] {
  return modalities.map((modality, index) => {
    const upper = modality.toUpperCase();
    if (upper === 'TEXT' || upper === 'IMAGE') return upper;
    throw new TranslationError({
      message:
        upper === 'AUDIO'
          ? 'Audio output is only available on Gemini TTS models, which this gateway does not serve.'
          : `Unknown modality "${modality}".`,
      param: `modalities[${index}]`,
    });
  });
}
