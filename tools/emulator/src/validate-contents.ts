import { isJsonObject, type JsonObject } from './json-object';
import { validatePart } from './validate-part';
import {
  firstUnknownKey,
  invalidArgument,
  unknownFieldMessage,
  type ValidationFailure,
} from './validation-failure';

/** The real message for a functionResponse/functionCall count mismatch. */
export const FUNCTION_RESPONSE_COUNT_MESSAGE =
  'Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn.';

const CONTENT_KEYS = new Set(['role', 'parts']);

/**
 * Checks `request.contents`: non-empty, every role `user` or `model`, every `parts` non-empty,
 * every part valid, and each function-call turn answered by as many functionResponse parts as it
 * has calls. Returns the first failure.
 */
export function validateContents(contents: unknown): ValidationFailure | undefined {
  if (!Array.isArray(contents) || contents.length === 0) {
    return invalidArgument('* GenerateContentRequest.contents: contents is not specified\n');
  }
  for (const [index, content] of contents.entries()) {
    const failure = validateContent(content, `request.contents[${index}]`, true);
    if (failure !== undefined) return failure;
  }
  return validateFunctionResponseCounts(contents as JsonObject[]);
}

/**
 * Checks one content. With `requireRole` (history contents) the role must be `user` or `model`;
 * a system instruction may carry any role.
 */
export function validateContent(
  content: unknown,
  path: string,
  requireRole: boolean,
): ValidationFailure | undefined {
  if (!isJsonObject(content))
    return invalidArgument(`Invalid value at '${path}', expected an object.`);
  const unknown = firstUnknownKey(content, CONTENT_KEYS);
  if (unknown !== undefined) return invalidArgument(unknownFieldMessage(unknown, path));
  if (requireRole && content.role !== 'user' && content.role !== 'model') {
    return invalidArgument('Please use a valid role: user, model.');
  }
  const parts = content.parts;
  if (!Array.isArray(parts) || parts.length === 0) {
    return invalidArgument(
      `* GenerateContentRequest.${path.replace(/^request\./, '')}.parts: contents.parts must not be empty.\n`,
    );
  }
  for (const [index, part] of parts.entries()) {
    const failure = validatePart(part, `${path}.parts[${index}]`);
    if (failure !== undefined) return failure;
  }
  return undefined;
}

/** Each functionResponse turn must follow a call turn with the same number of parts. */
function validateFunctionResponseCounts(contents: JsonObject[]): ValidationFailure | undefined {
  for (const [index, content] of contents.entries()) {
    const calls = countParts(content, 'functionCall');
    const next = contents[index + 1];
    if (content.role === 'model' && calls > 0 && next !== undefined) {
      if (countParts(next, 'functionResponse') !== calls) {
        return invalidArgument(FUNCTION_RESPONSE_COUNT_MESSAGE);
      }
    }
    const responses = countParts(content, 'functionResponse');
    if (responses > 0) {
      const previous = index > 0 ? contents[index - 1] : undefined;
      const previousCalls = previous?.role === 'model' ? countParts(previous, 'functionCall') : 0;
      if (previousCalls !== responses) return invalidArgument(FUNCTION_RESPONSE_COUNT_MESSAGE);
    }
  }
  return undefined;
}

function countParts(content: JsonObject, key: string): number {
  const parts = Array.isArray(content.parts) ? content.parts : [];
  return parts.filter((part) => isJsonObject(part) && part[key] !== undefined).length;
}
