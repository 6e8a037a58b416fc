import { isJsonObject } from './json-object';

/**
 * Builds a deterministic sample value for a JSON Schema or legacy Gemini schema: strings →
 * `"example"` (or the first enum value), numbers → 1, booleans → true, arrays → [], objects →
 * their required properties (all properties when none are required), recursively.
 */
export function sampleFromSchema(schema: unknown, depth = 0): unknown {
  if (!isJsonObject(schema) || depth > 8) return null;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if ('const' in schema) return schema.const;
  const branches = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(branches) && branches.length > 0) {
    const branch =
      branches.find((item) => isJsonObject(item) && item.type !== 'null') ?? branches[0];
    return sampleFromSchema(branch, depth + 1);
  }
  switch (schemaType(schema)) {
    case 'string':
      return 'example';
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'object':
      return sampleObject(schema, depth);
    default:
      return null;
  }
}

function schemaType(schema: Record<string, unknown>): string | undefined {
  const raw = Array.isArray(schema.type)
    ? schema.type.find((type) => typeof type === 'string' && type.toLowerCase() !== 'null')
    : schema.type;
  if (typeof raw === 'string') return raw.toLowerCase();
  return isJsonObject(schema.properties) ? 'object' : undefined;
}

function sampleObject(schema: Record<string, unknown>, depth: number): Record<string, unknown> {
  const properties = isJsonObject(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required)
    ? schema.required.filter(
        (name): name is string => typeof name === 'string' && name in properties,
      )
    : [];
  const names = required.length > 0 ? required : Object.keys(properties);
  const result: Record<string, unknown> = {};
  for (const name of names) result[name] = sampleFromSchema(properties[name], depth + 1);
  return result;
}
