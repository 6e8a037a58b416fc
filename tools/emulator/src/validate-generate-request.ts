import type { GeminiGenerateRequest } from './gemini-types';
import { isJsonObject, type JsonObject } from './json-object';
import { normalizeRequestKeys } from './normalize-request-keys';
import { validateContent, validateContents } from './validate-contents';
import { validateGenerationConfig } from './validate-generation-config';
import { validateThoughtSignatures } from './validate-thought-signatures';
import { validateToolConfig, validateTools } from './validate-tools';
import {
  firstUnknownKey,
  invalidArgument,
  unknownFieldMessage,
  type ValidationFailure,
} from './validation-failure';

/** A generate / streamGenerateContent body that passed validation (keys camelCase). */
export interface ValidGenerateEnvelope {
  model: string;
  project: string;
  userPromptId?: string;
  request: GeminiGenerateRequest;
}

/** The outcome of validating a request: the typed value or the first failure. */
export type ValidationResult<T> =
  { ok: true; value: T } | { ok: false; failure: ValidationFailure };

const ENVELOPE_KEYS = new Set([
  'model',
  'project',
  'userPromptId',
  'request',
  'enabledCreditTypes',
]);
const REQUEST_KEYS = new Set([
  'contents',
  'systemInstruction',
  'cachedContent',
  'tools',
  'toolConfig',
  'labels',
  'safetySettings',
  'generationConfig',
  'sessionId',
]);

/**
 * Validates a Code Assist generate body (accepting snake_case or camelCase keys) against the
 * strict contract of translation.md §1.11 and protocol §10. `models` are the known model ids; an
 * unknown one gives 404 `NOT_FOUND`, every other failure a 400 `INVALID_ARGUMENT`.
 */
export function validateGenerateRequest(
  body: unknown,
  models: readonly string[],
): ValidationResult<ValidGenerateEnvelope> {
  const normalized = normalizeRequestKeys(body);
  const failure = findFailure(normalized, models);
  if (failure !== undefined) return { ok: false, failure };
  return { ok: true, value: normalized as unknown as ValidGenerateEnvelope };
}

function findFailure(body: unknown, models: readonly string[]): ValidationFailure | undefined {
  if (!isJsonObject(body))
    return invalidArgument('Invalid JSON payload received. Expected an object at the top level.');
  const unknown = firstUnknownKey(body, ENVELOPE_KEYS);
  if (unknown !== undefined) return invalidArgument(unknownFieldMessage(unknown, ''));
  const modelFailure = validateModel(body.model, models);
  if (modelFailure !== undefined) return modelFailure;
  const model = body.model as string;
  if (typeof body.project !== 'string' || body.project === '') {
    return invalidArgument(
      'Invalid argument: "project" is required; send the cloudaicompanionProject returned by loadCodeAssist.',
    );
  }
  const request = body.request;
  if (!isJsonObject(request))
    return invalidArgument('Invalid argument: "request" is required and must be an object.');
  return validateInnerRequest(request, model);
}

/** Checks a bare generate model id: present, no `models/` prefix, known. */
export function validateModel(
  model: unknown,
  models: readonly string[],
): ValidationFailure | undefined {
  if (typeof model !== 'string' || model === '')
    return invalidArgument('Invalid argument: "model" is required.');
  if (model.startsWith('models/')) {
    return invalidArgument(
      `Invalid model name "${model}": Code Assist expects a bare model id without the "models/" prefix.`,
    );
  }
  if (!models.includes(model))
    return { code: 404, status: 'NOT_FOUND', message: 'Requested entity was not found.' };
  return undefined;
}

function validateInnerRequest(request: JsonObject, model: string): ValidationFailure | undefined {
  const unknown = firstUnknownKey(request, REQUEST_KEYS);
  if (unknown !== undefined) return invalidArgument(unknownFieldMessage(unknown, 'request'));
  return (
    validateContents(request.contents) ??
    (request.systemInstruction === undefined
      ? undefined
      : validateContent(request.systemInstruction, 'request.system_instruction', false)) ??
    validateTools(request.tools) ??
    validateToolConfig(request.toolConfig) ??
    validateSafetySettings(request.safetySettings) ??
    validateGenerationConfig(request.generationConfig, model) ??
    validateThoughtSignatures(request.contents as JsonObject[], model)
  );
}

function validateSafetySettings(settings: unknown): ValidationFailure | undefined {
  if (settings === undefined) return undefined;
  if (!Array.isArray(settings))
    return invalidArgument(`Invalid value at 'request.safety_settings', expected a list.`);
  for (const [index, setting] of settings.entries()) {
    const path = `request.safety_settings[${index}]`;
    if (!isJsonObject(setting))
      return invalidArgument(`Invalid value at '${path}', expected an object.`);
    const unknown = firstUnknownKey(setting, new Set(['category', 'threshold', 'method']));
    if (unknown !== undefined) return invalidArgument(unknownFieldMessage(unknown, path));
    if (typeof setting.category !== 'string' || typeof setting.threshold !== 'string') {
      return invalidArgument(
        `* GenerateContentRequest.safety_settings[${index}]: category and threshold are required.\n`,
      );
    }
  }
  return undefined;
}
