import { isRecord } from '../translation-options';
import {
  addHint,
  collectDefinitions,
  filterRequired,
  hintValue,
  mergeAllOf,
  refName,
  type SchemaNode,
} from './schema-helpers';

/** Keywords the legacy Gemini `Schema` message accepts (translation.md §5.1). */
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
const KEPT = new Set([
  'title',
  'description',
  'maxItems',
  'minItems',
  'minProperties',
  'maxProperties',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
]);
const SILENT = new Set([
  '$schema',
  '$id',
  '$comment',
  '$defs',
  'definitions',
  'additionalProperties',
  'strict',
  '$ref',
]);
const MAX_UNROLL = 3;

/** Options for {@link sanitizeLegacySchema}. */
export interface SanitizeLegacySchemaOptions {
  /** Add `propertyOrdering` from key order (for `responseSchema`, so JSON comes back in order). */
  propertyOrdering?: boolean;
}

/**
 * The full sanitiser for the legacy `parameters` / `responseSchema` fields (translation.md §5.3):
 * the output only uses the legacy keyword list, never a type array, `oneOf`, `allOf`, `$ref` or
 * `const`; numeric enums keep their type with `format:"enum"` and string values; whatever cannot
 * be expressed becomes a description hint instead of silently vanishing.
 */
export function sanitizeLegacySchema(
  schema: unknown,
  { propertyOrdering = false }: SanitizeLegacySchemaOptions = {},
): Record<string, unknown> {
  const defs = isRecord(schema) ? collectDefinitions(schema) : new Map<string, unknown>();
  const visit = (value: unknown, depth: Map<string, number>): SchemaNode => {
    if (!isRecord(value) || Object.keys(value).length === 0) return { type: 'object' };
    let node: SchemaNode = { ...value };
    const ref = node['$ref'];
    if (typeof ref === 'string') {
      const seen = depth.get(ref) ?? 0;
      const { $ref: _ignored, ...siblings } = node;
      if (seen >= MAX_UNROLL || !defs.has(ref)) {
        const out: SchemaNode = { type: 'object' };
        addHint(out, `(recursive ${refName(ref)})`);
        return out;
      }
      const target = defs.get(ref);
      node = { ...(isRecord(target) ? target : {}), ...siblings };
      depth = new Map(depth).set(ref, seen + 1);
    }
    if (Array.isArray(node['allOf'])) node = mergeAllOf(node, node['allOf']);
    if ('const' in node) node['enum'] = [node['const']];
    let nullable = node['nullable'] === true;
    let type = node['type'];
    if (Array.isArray(type)) {
      nullable ||= type.includes('null');
      const types = type.filter(
        (entry): entry is string => typeof entry === 'string' && entry !== 'null',
      );
      if (types.length > 1) {
        const { type: _t, ...rest } = node;
        node = { ...rest, anyOf: types.map((entry) => ({ type: entry })) };
        type = undefined;
      } else type = types[0];
    }
    const union = node['anyOf'] ?? node['oneOf'];
    if (Array.isArray(union)) {
      const branches = union.filter((branch) => !(isRecord(branch) && branch['type'] === 'null'));
      nullable ||= branches.length < union.length;
      const { anyOf: _a, oneOf: _o, ...rest } = node;
      if (branches.length === 1) {
        const merged = visit(
          {
            ...(isRecord(branches[0]) ? branches[0] : {}),
            ...pick(rest, ['title', 'description']),
          },
          depth,
        );
        if (nullable) merged['nullable'] = true;
        return merged;
      }
      const out: SchemaNode = {
        anyOf: branches.map((branch) =>
          visit(
            { ...(isRecord(branch) ? branch : {}), ...pick(rest, ['title', 'description']) },
            depth,
          ),
        ),
      };
      if (nullable) out['nullable'] = true;
      return out;
    }
    const out: SchemaNode = {};
    if (typeof type === 'string') out['type'] = type.toLowerCase();
    else if (isRecord(node['properties'])) out['type'] = 'object';
    for (const [key, child] of Object.entries(node)) {
      if (KEPT.has(key)) out[key] = child;
    }
    if (nullable) out['nullable'] = true;
    convertEnum(node['enum'], out);
    convertFormat(node['format'], out);
    if (isRecord(node['properties'])) {
      const properties: SchemaNode = {};
      for (const [name, sub] of Object.entries(node['properties']))
        properties[name] = visit(sub, depth);
      out['properties'] = properties;
      if (propertyOrdering && Object.keys(properties).length > 1)
        out['propertyOrdering'] = Object.keys(properties);
      if (Array.isArray(node['required'])) out['required'] = node['required'];
      filterRequired(out);
    }
    if (out['type'] === 'array') {
      const items =
        node['items'] ?? (Array.isArray(node['prefixItems']) ? node['prefixItems'] : undefined);
      if (Array.isArray(items)) {
        out['items'] = items.length > 0 ? visit(items[0], depth) : { type: 'string' };
        addHint(out, '(tuple: items differ by position)');
      } else out['items'] = items === undefined ? { type: 'string' } : visit(items, depth);
    }
    if ('default' in node) addHint(out, `(default: ${hintValue(node['default'])})`);
    for (const [key, child] of Object.entries(node)) {
      if (
        LEGACY_SCHEMA_KEYWORDS.has(key) ||
        SILENT.has(key) ||
        key === 'oneOf' ||
        key === 'allOf' ||
        key === 'const'
      )
        continue;
      if (key === 'prefixItems' || key === 'examples' || key.startsWith('x-')) continue;
      addHint(out, `(${key}: ${hintValue(child)})`);
    }
    if (out['type'] === undefined && out['anyOf'] === undefined) out['type'] = 'object';
    return out;
  };
  return visit(schema, new Map());
}

function pick(node: SchemaNode, keys: readonly string[]): SchemaNode {
  const out: SchemaNode = {};
  for (const key of keys) if (node[key] !== undefined) out[key] = node[key];
  return out;
}

function convertEnum(values: unknown, out: SchemaNode): void {
  if (!Array.isArray(values)) return;
  if (values.includes(null)) out['nullable'] = true;
  let members = values.filter((value) => value !== null);
  if (members.includes('')) {
    members = members.filter((value) => value !== '');
    addHint(out, '(may be empty)');
  }
  if (members.length === 0) return;
  if (members.every((value) => typeof value === 'string')) {
    out['enum'] = members;
    out['type'] ??= 'string';
  } else if (members.every((value) => typeof value === 'number')) {
    out['type'] ??= members.every(Number.isInteger) ? 'integer' : 'number';
    out['format'] = 'enum';
    out['enum'] = members.map(String);
  } else if (!members.every((value) => typeof value === 'boolean')) {
    addHint(out, `(one of: ${members.map(hintValue).join(', ')})`);
  }
}

function convertFormat(format: unknown, out: SchemaNode): void {
  if (typeof format !== 'string' || out['format'] !== undefined) return;
  if (format === 'enum' || format === 'date-time') out['format'] = format;
  else addHint(out, `(format: ${format})`);
}
