import { isJsonObject, type JsonObject } from './json-object';

/** Keys whose values are user data (or JSON Schema) and are copied untouched. */
const OPAQUE_KEYS = new Set([
  'args',
  'response',
  'labels',
  'parametersJsonSchema',
  'responseJsonSchema',
]);
/** Keys whose values are legacy (OpenAPI-subset, proto) schemas. */
const LEGACY_SCHEMA_KEYS = new Set(['parameters', 'responseSchema']);

/** `system_instruction` → `systemInstruction`. */
export function snakeToCamel(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

/**
 * Rewrites snake_case keys of a Code Assist request body to camelCase, as Google's proto-JSON
 * parser accepts both. User data (`functionCall.args`, `functionResponse.response`, `labels`) and
 * JSON-Schema fields stay as sent; legacy schemas are normalised except for their property names.
 *
 * `inlineData.mime_type` is deliberately kept as is: the strict contract (translation.md §0,
 * §1.11) treats emitting it as a translator bug, so validation rejects it.
 */
export function normalizeRequestKeys(value: unknown, parentKey = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => normalizeRequestKeys(item, parentKey));
  if (!isJsonObject(value)) return value;
  const result: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    if (parentKey === 'inlineData' && key === 'mime_type') {
      result[key] = child;
      continue;
    }
    const camel = snakeToCamel(key);
    if (OPAQUE_KEYS.has(camel)) result[camel] = child;
    else if (LEGACY_SCHEMA_KEYS.has(camel)) result[camel] = normalizeLegacySchemaKeys(child);
    else result[camel] = normalizeRequestKeys(child, camel);
  }
  return result;
}

/** Normalises the keywords of a legacy schema, keeping `properties` names and literal values. */
export function normalizeLegacySchemaKeys(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(normalizeLegacySchemaKeys);
  if (!isJsonObject(schema)) return schema;
  const result: JsonObject = {};
  for (const [key, child] of Object.entries(schema)) {
    const camel = snakeToCamel(key);
    if (camel === 'properties' && isJsonObject(child)) {
      const properties: JsonObject = {};
      for (const [name, sub] of Object.entries(child))
        properties[name] = normalizeLegacySchemaKeys(sub);
      result[camel] = properties;
    } else if (camel === 'items' || camel === 'anyOf') {
      result[camel] = normalizeLegacySchemaKeys(child);
    } else {
      result[camel] = child;
    }
  }
  return result;
}
