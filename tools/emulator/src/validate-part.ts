import { isJsonObject } from './json-object';
import {
  firstUnknownKey,
  invalidArgument,
  unknownFieldMessage,
  type ValidationFailure,
} from './validation-failure';

/** The `data` oneof of a Gemini `Part`: exactly one of these must be set. */
export const PART_DATA_KEYS = [
  'text',
  'inlineData',
  'fileData',
  'functionCall',
  'functionResponse',
  'executableCode',
  'codeExecutionResult',
] as const;

const PART_KEYS = new Set<string>([
  ...PART_DATA_KEYS,
  'thought',
  'thoughtSignature',
  'videoMetadata',
  'mediaResolution',
  'partMetadata',
]);

/**
 * Checks one part (keys already normalised to camelCase): exactly one data key, `text` a string,
 * `inlineData` with `mimeType` and `data`, calls and responses with a name.
 * `path` is the proto path used in messages, e.g. `request.contents[0].parts[1]`.
 */
export function validatePart(part: unknown, path: string): ValidationFailure | undefined {
  if (!isJsonObject(part))
    return invalidArgument(
      `Invalid value at '${path}' (type.googleapis.com/google.cloud.aiplatform.v1beta1.Part), expected an object.`,
    );
  const unknown = firstUnknownKey(part, PART_KEYS);
  if (unknown !== undefined) return invalidArgument(unknownFieldMessage(unknown, path));
  const dataKeys = PART_DATA_KEYS.filter((key) => part[key] !== undefined && part[key] !== null);
  const [first, second] = dataKeys;
  if (first === undefined) {
    return invalidArgument(
      `* GenerateContentRequest.${path.replace(/^request\./, '')}.data: required oneof field 'data' must have one initialized field\n`,
    );
  }
  if (second !== undefined) {
    return invalidArgument(
      `Invalid value at '${path}' (oneof), oneof field 'data' is already set. Cannot set '${second}'`,
    );
  }
  if (part.thoughtSignature !== undefined && typeof part.thoughtSignature !== 'string') {
    return invalidArgument(
      `Invalid value at '${path}.thought_signature' (TYPE_BYTES), expected a base64 string`,
    );
  }
  return validateData(first, part[first], path);
}

function validateData(key: string, value: unknown, path: string): ValidationFailure | undefined {
  switch (key) {
    case 'text':
      return typeof value === 'string'
        ? undefined
        : invalidArgument(
            `Invalid value at '${path}.text' (TYPE_STRING), ${JSON.stringify(value)}`,
          );
    case 'inlineData':
      return validateInlineData(value, `${path}.inline_data`);
    case 'functionCall':
    case 'functionResponse':
      return validateNamed(key, value, path);
    default:
      return isJsonObject(value)
        ? undefined
        : invalidArgument(`Invalid value at '${path}.${key}', expected an object.`);
  }
}

function validateInlineData(value: unknown, path: string): ValidationFailure | undefined {
  if (!isJsonObject(value))
    return invalidArgument(`Invalid value at '${path}', expected an object.`);
  if ('mime_type' in value) return invalidArgument(unknownFieldMessage('mime_type', path));
  const unknown = firstUnknownKey(value, new Set(['mimeType', 'data', 'displayName']));
  if (unknown !== undefined) return invalidArgument(unknownFieldMessage(unknown, path));
  if (typeof value.mimeType !== 'string' || value.mimeType === '') {
    return invalidArgument(
      `Unable to submit request because it has an empty mimeType in '${path}'. inlineData requires both mimeType and data.`,
    );
  }
  if (typeof value.data !== 'string' || value.data === '') {
    return invalidArgument(
      `Unable to submit request because it has an empty data field in '${path}'. inlineData requires both mimeType and data.`,
    );
  }
  return undefined;
}

function validateNamed(key: string, value: unknown, path: string): ValidationFailure | undefined {
  const field = key === 'functionCall' ? 'function_call' : 'function_response';
  if (!isJsonObject(value))
    return invalidArgument(`Invalid value at '${path}.${field}', expected an object.`);
  if (typeof value.name !== 'string' || value.name === '') {
    return invalidArgument(
      `* GenerateContentRequest.${path.replace(/^request\./, '')}.${field}.name: name must not be empty\n`,
    );
  }
  const payload = key === 'functionCall' ? value.args : value.response;
  if (payload !== undefined && !isJsonObject(payload)) {
    const name = key === 'functionCall' ? 'args' : 'response';
    return invalidArgument(
      `Invalid value at '${path}.${field}.${name}' (type.googleapis.com/google.protobuf.Struct), ${JSON.stringify(payload)}`,
    );
  }
  return undefined;
}
