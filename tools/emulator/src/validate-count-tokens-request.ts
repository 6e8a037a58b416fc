import type { GeminiContent } from './gemini-types';
import { isJsonObject } from './json-object';
import { normalizeRequestKeys } from './normalize-request-keys';
import { validateContents } from './validate-contents';
import type { ValidationResult } from './validate-generate-request';
import { invalidArgument } from './validation-failure';

/** A countTokens body that passed validation. */
export interface ValidCountTokensRequest {
  /** Bare model id (the `models/` prefix removed). */
  model: string;
  contents: GeminiContent[];
}

/**
 * Validates `{request:{model:"models/<m>", contents}}` (protocol reference §4). The `models/`
 * prefix is expected but a bare id is tolerated; unknown models give 404.
 */
export function validateCountTokensRequest(
  body: unknown,
  models: readonly string[],
): ValidationResult<ValidCountTokensRequest> {
  const normalized = normalizeRequestKeys(body);
  if (!isJsonObject(normalized) || !isJsonObject(normalized.request)) {
    return {
      ok: false,
      failure: invalidArgument('Invalid argument: "request" is required and must be an object.'),
    };
  }
  const request = normalized.request;
  if (typeof request.model !== 'string' || request.model === '') {
    return {
      ok: false,
      failure: invalidArgument('Invalid argument: "request.model" is required.'),
    };
  }
  const model = request.model.replace(/^models\//, '');
  if (!models.includes(model)) {
    return {
      ok: false,
      failure: { code: 404, status: 'NOT_FOUND', message: 'Requested entity was not found.' },
    };
  }
  const failure = validateContents(request.contents);
  if (failure !== undefined) return { ok: false, failure };
  return { ok: true, value: { model, contents: request.contents as GeminiContent[] } };
}
