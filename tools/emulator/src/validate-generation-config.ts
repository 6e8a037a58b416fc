import { isJsonObject } from './json-object';
import { validateLegacySchema } from './validate-legacy-schema';
import { validateThinkingConfig } from './validate-thinking-config';
import {
  firstUnknownKey,
  invalidArgument,
  unknownFieldMessage,
  type ValidationFailure,
} from './validation-failure';

const GENERATION_CONFIG_KEYS = new Set([
  'temperature',
  'topP',
  'topK',
  'candidateCount',
  'maxOutputTokens',
  'stopSequences',
  'responseLogprobs',
  'logprobs',
  'presencePenalty',
  'frequencyPenalty',
  'seed',
  'responseMimeType',
  'responseSchema',
  'responseJsonSchema',
  'routingConfig',
  'modelSelectionConfig',
  'responseModalities',
  'mediaResolution',
  'speechConfig',
  'audioTimestamp',
  'thinkingConfig',
  'imageConfig',
  'enableAffectiveDialog',
]);

const PATH = 'request.generation_config';

/**
 * Checks `request.generationConfig`: known fields, `temperature` in [0, 2], `candidateCount` in
 * [1, 8], `responseSchema` XOR `responseJsonSchema` (either needs `responseMimeType`
 * `application/json`; the legacy one only legacy keywords) and the thinking rules.
 */
export function validateGenerationConfig(
  config: unknown,
  model: string,
): ValidationFailure | undefined {
  if (config === undefined) return undefined;
  if (!isJsonObject(config))
    return invalidArgument(`Invalid value at '${PATH}', expected an object.`);
  const unknown = firstUnknownKey(config, GENERATION_CONFIG_KEYS);
  if (unknown !== undefined) return invalidArgument(unknownFieldMessage(unknown, PATH));
  const { temperature, candidateCount, maxOutputTokens, stopSequences } = config;
  if (
    temperature !== undefined &&
    (typeof temperature !== 'number' || temperature < 0 || temperature > 2)
  ) {
    return invalidArgument(
      `Unable to submit request because it has a temperature value of ${String(temperature)} but the supported range is from 0 (inclusive) to 2.0001 (exclusive). Update the value and try again.`,
    );
  }
  if (
    candidateCount !== undefined &&
    (!Number.isInteger(candidateCount) ||
      (candidateCount as number) < 1 ||
      (candidateCount as number) > 8)
  ) {
    return invalidArgument(
      `Unable to submit request because it has a candidateCount value of ${String(candidateCount)} but the supported range is from 1 (inclusive) to 9 (exclusive). Update the value and try again.`,
    );
  }
  if (
    maxOutputTokens !== undefined &&
    (!Number.isInteger(maxOutputTokens) || (maxOutputTokens as number) < 1)
  ) {
    return invalidArgument(
      `Invalid value at '${PATH}.max_output_tokens' (TYPE_INT32), ${JSON.stringify(maxOutputTokens)}`,
    );
  }
  if (
    stopSequences !== undefined &&
    (!Array.isArray(stopSequences) || !stopSequences.every((item) => typeof item === 'string'))
  ) {
    return invalidArgument(
      `Invalid value at '${PATH}.stop_sequences' (TYPE_STRING), expected a list of strings.`,
    );
  }
  return validateResponseSchema(config) ?? validateThinkingConfig(config.thinkingConfig, model);
}

function validateResponseSchema(config: Record<string, unknown>): ValidationFailure | undefined {
  const { responseSchema, responseJsonSchema, responseMimeType } = config;
  if (responseSchema !== undefined && responseJsonSchema !== undefined) {
    return invalidArgument(
      `* GenerateContentRequest.generation_config.response_schema: response_schema and response_json_schema cannot both be set.\n`,
    );
  }
  if (responseSchema === undefined && responseJsonSchema === undefined) return undefined;
  const field = responseSchema !== undefined ? 'response_schema' : 'response_json_schema';
  if (responseMimeType !== 'application/json') {
    return invalidArgument(
      `* GenerateContentRequest.generation_config.response_mime_type: ${field} requires response_mime_type to be application/json.\n`,
    );
  }
  if (responseSchema !== undefined)
    return validateLegacySchema(responseSchema, `${PATH}.response_schema`);
  return isJsonObject(responseJsonSchema)
    ? undefined
    : invalidArgument(
        `Invalid value at '${PATH}.response_json_schema' (type.googleapis.com/google.protobuf.Value), expected an object.`,
      );
}
