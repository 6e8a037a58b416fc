/**
 * Google's proto-JSON parser accepts field names in snake_case and camelCase; our schemas and the
 * upstream APIs use camelCase. This is the one place that rewrites a Gemini / Code Assist request
 * body's field names (the gateway's native routes and the emulator both use it).
 */

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

/** `system_instruction` → `systemInstruction`. */
export function snakeToCamel(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

/** Options of {@link normalizeRequestKeys}. */
export interface NormalizeRequestKeysOptions {
  /**
   * Keys to leave exactly as sent, by their (camelCase) parent: a strict validator keeps
   * `inlineData.mime_type` so that it can reject it.
   */
  keep?: (parentKey: string, key: string) => boolean;
}

/**
 * Converts snake_case field names (`system_instruction`, `generation_config`,
 * `inline_data.mime_type`…) to camelCase. When both spellings are present the camelCase one
 * wins. User data (function args and responses, labels, JSON Schemas) is untouched; in legacy
 * schemas (`parameters`, `responseSchema`) keywords are converted but property names and
 * `default` / `example` values are not.
 */
export function normalizeRequestKeys(
  value: unknown,
  options: NormalizeRequestKeysOptions = {},
): unknown {
  return normalize(value, false, '', options);
}

function normalize(
  value: unknown,
  schema: boolean,
  parentKey: string,
  options: NormalizeRequestKeysOptions,
): unknown {
  if (Array.isArray(value)) return value.map((item) => normalize(item, schema, parentKey, options));
  if (value === null || typeof value !== 'object') return value;
  const result: Record<string, unknown> = {};
  const entries = Object.entries(value as Record<string, unknown>);
  // Snake_case first so an explicit camelCase spelling overwrites it.
  entries.sort(([a], [b]) => Number(a === snakeToCamel(a)) - Number(b === snakeToCamel(b)));
  for (const [key, inner] of entries) {
    if (options.keep?.(parentKey, key)) {
      result[key] = inner;
      continue;
    }
    const name = snakeToCamel(key);
    if (schema && name === 'properties' && isObject(inner)) {
      result[name] = Object.fromEntries(
        Object.entries(inner).map(([property, node]) => [
          property,
          normalize(node, true, name, options),
        ]),
      );
    } else if (OPAQUE.has(name) && (!schema || name === 'default' || name === 'example')) {
      result[name] = inner;
    } else {
      result[name] = normalize(inner, schema || SCHEMA.has(name), name, options);
    }
  }
  return result;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
