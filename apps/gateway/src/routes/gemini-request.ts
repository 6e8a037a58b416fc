import {
  generateContentRequestSchema,
  type GeminiContent,
  type GenerateContentRequest,
} from '@geminicli2api/protocol-gemini';
import { invalidRequestError, requireJsonObject } from '../invalid-request-error';

/** Values kept as they are: user data whose keys are not field names (args, JSON Schemas, labels). */
const OPAQUE = new Set([
  'args',
  'response',
  'parametersJsonSchema',
  'responseJsonSchema',
  'labels',
  'metadata',
  'default',
  'example',
]);
/** Legacy OpenAPI schemas: field names are converted, but not the keys of `properties`. */
const SCHEMA = new Set(['parameters', 'responseSchema']);

function camel(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

/**
 * Converts snake_case field names (`system_instruction`, `generation_config`, `inline_data.mime_type`…)
 * to the camelCase the upstream expects, as Google's proto-JSON parser accepts both. When both
 * spellings are present the camelCase one wins. User data (function args, JSON Schemas) is untouched.
 */
export function normalizeRequestKeys(value: unknown, schema = false): unknown {
  if (Array.isArray(value)) return value.map((item) => normalizeRequestKeys(item, schema));
  if (value === null || typeof value !== 'object') return value;
  const result: Record<string, unknown> = {};
  const entries = Object.entries(value as Record<string, unknown>);
  // Snake_case first so an explicit camelCase spelling overwrites it.
  entries.sort(([a], [b]) => Number(a === camel(a)) - Number(b === camel(b)));
  for (const [key, inner] of entries) {
    const name = camel(key);
    if (
      schema &&
      name === 'properties' &&
      inner &&
      typeof inner === 'object' &&
      !Array.isArray(inner)
    ) {
      result[name] = Object.fromEntries(
        Object.entries(inner as Record<string, unknown>).map(([property, node]) => [
          property,
          normalizeRequestKeys(node, true),
        ]),
      );
    } else if (OPAQUE.has(name) && (!schema || name === 'default' || name === 'example')) {
      result[name] = inner;
    } else {
      result[name] = normalizeRequestKeys(inner, schema || SCHEMA.has(name));
    }
  }
  return result;
}

/** Normalises and validates a `generateContent` / `streamGenerateContent` body. */
export function parseGenerateRequest(body: unknown): GenerateContentRequest {
  const parsed = generateContentRequestSchema.safeParse(
    normalizeRequestKeys(requireJsonObject(body)),
  );
  if (!parsed.success) throw invalidRequestError(parsed.error);
  parsed.data.contents = withDefaultRoles(parsed.data.contents);
  return parsed.data;
}

/** Normalises and validates a `countTokens` body: `{contents}` or `{generateContentRequest}`. */
export function parseCountTokensRequest(body: unknown): GeminiContent[] {
  const normalized = normalizeRequestKeys(requireJsonObject(body)) as Record<string, unknown>;
  const wrapped = normalized['generateContentRequest'];
  if (wrapped !== undefined) {
    const { model: _model, ...rest } = requireJsonObject(wrapped);
    const parsed = generateContentRequestSchema.safeParse(rest);
    if (!parsed.success) throw invalidRequestError(parsed.error);
    return withDefaultRoles(parsed.data.contents);
  }
  const parsed = generateContentRequestSchema.pick({ contents: true }).safeParse(normalized);
  if (!parsed.success) throw invalidRequestError(parsed.error);
  return withDefaultRoles(parsed.data.contents);
}

/**
 * Google's public API lets a content leave `role` unset (its quickstart sends
 * `{"contents":[{"parts":[{"text":…}]}]}`) and reads it as the user's, while the Code Assist
 * contract wants every role to be `user` or `model` (the CLI always sets one; the emulator answers
 * 400 "Please use a valid role" otherwise). So an unset or empty role becomes `user` here, for
 * every backend.
 */
function withDefaultRoles(contents: GeminiContent[]): GeminiContent[] {
  return contents.some((content) => !content.role)
    ? contents.map((content) => (content.role ? content : { ...content, role: 'user' }))
    : contents;
}
