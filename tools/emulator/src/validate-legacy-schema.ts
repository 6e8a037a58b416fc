import { isJsonObject } from './json-object';
import { invalidArgument, unknownFieldMessage, type ValidationFailure } from './validation-failure';

/** Keywords the legacy (OpenAPI-subset) `Schema` message has (translation reference §1.11). */
export const LEGACY_SCHEMA_KEYWORDS: ReadonlySet<string> = new Set([
  'type',
  'format',
  'title',
  'description',
  'nullable',
  'enum',
  'maxItems',
  'minItems',
  'properties',
  'required',
  'minProperties',
  'maxProperties',
  'minLength',
  'maxLength',
  'pattern',
  'example',
  'anyOf',
  'propertyOrdering',
  'default',
  'items',
  'minimum',
  'maximum',
]);

const LEGACY_TYPES = new Set([
  'TYPE_UNSPECIFIED',
  'STRING',
  'NUMBER',
  'INTEGER',
  'BOOLEAN',
  'ARRAY',
  'OBJECT',
  'NULL',
]);

/**
 * Checks a legacy `parameters` / `responseSchema` (keys already camelCase): only the documented
 * keywords, `type` a single known type name, recursing into `properties`, `items` and `anyOf`.
 * `path` is the proto path of the schema, e.g.
 * `request.tools[0].function_declarations[0].parameters`.
 */
export function validateLegacySchema(schema: unknown, path: string): ValidationFailure | undefined {
  if (!isJsonObject(schema)) {
    return invalidArgument(
      `Invalid value at '${path}' (type.googleapis.com/google.cloud.aiplatform.v1beta1.Schema), ${JSON.stringify(schema)}`,
    );
  }
  for (const key of Object.keys(schema)) {
    if (!LEGACY_SCHEMA_KEYWORDS.has(key)) return invalidArgument(unknownFieldMessage(key, path));
  }
  const type = schema.type;
  if (Array.isArray(type)) {
    return invalidArgument(
      `Invalid JSON payload received. Unknown name "type" at '${path}': Proto field is not repeating, cannot start list.`,
    );
  }
  if (type !== undefined && (typeof type !== 'string' || !LEGACY_TYPES.has(type.toUpperCase()))) {
    return invalidArgument(
      `Invalid value at '${path}.type' (type.googleapis.com/google.cloud.aiplatform.v1beta1.Type), ${JSON.stringify(type)}`,
    );
  }
  return validateChildren(schema, path);
}

function validateChildren(
  schema: Record<string, unknown>,
  path: string,
): ValidationFailure | undefined {
  const { properties, items, anyOf } = schema;
  if (properties !== undefined) {
    if (!isJsonObject(properties))
      return invalidArgument(`Invalid value at '${path}.properties', expected an object.`);
    for (const [index, child] of Object.values(properties).entries()) {
      const failure = validateLegacySchema(child, `${path}.properties[${index}].value`);
      if (failure !== undefined) return failure;
    }
  }
  if (items !== undefined) {
    const failure = validateLegacySchema(items, `${path}.items`);
    if (failure !== undefined) return failure;
  }
  if (anyOf !== undefined) {
    if (!Array.isArray(anyOf))
      return invalidArgument(`Invalid value at '${path}.any_of', expected a list.`);
    for (const [index, child] of anyOf.entries()) {
      const failure = validateLegacySchema(child, `${path}.any_of[${index}]`);
      if (failure !== undefined) return failure;
    }
  }
  return undefined;
}
