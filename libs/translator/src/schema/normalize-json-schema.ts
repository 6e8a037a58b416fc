import { TranslationError } from '../translator-error';
import { isRecord } from '../translation-options';
import {
  addHint,
  collectDefinitions,
  filterRequired,
  hintValue,
  mergeAllOf,
  type SchemaNode,
} from './schema-helpers';

const DROPPED = new Set([
  '$schema',
  '$comment',
  '$id',
  'strict',
  'deprecated',
  'readOnly',
  'writeOnly',
  'examples',
]);
const HINTED = [
  'not',
  'if',
  'then',
  'else',
  'patternProperties',
  'propertyNames',
  'dependentRequired',
  'dependentSchemas',
  'dependencies',
  'unevaluatedProperties',
  'unevaluatedItems',
  'contains',
  'uniqueItems',
  'multipleOf',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'pattern',
  'minLength',
  'maxLength',
  'minProperties',
  'maxProperties',
];
const SUBSCHEMA_LISTS = ['anyOf', 'oneOf', 'prefixItems'];

/** Options for {@link normalizeJsonSchema}. */
export interface NormalizeJsonSchemaOptions {
  /** `function`: the root must be an object schema (OpenAI requires it too). */
  root?: 'function' | 'response';
  /** OpenAI path of the schema, for errors. */
  param?: string;
}

/**
 * The light normaliser for `parametersJsonSchema` / `responseJsonSchema` (translation.md §5.2):
 * drops annotation-only keywords, turns unsupported constraints into description hints, rewrites
 * `const`, `definitions`, `allOf`, inlines non-recursive `$ref`s, and keeps what Gemini's JSON
 * Schema dialect supports (type arrays, `additionalProperties`, numeric enums, `format`).
 */
export function normalizeJsonSchema(
  schema: Record<string, unknown>,
  { root = 'response', param = 'schema' }: NormalizeJsonSchemaOptions = {},
): Record<string, unknown> {
  const defs = collectDefinitions(schema);
  let recursive = false;
  const visit = (value: unknown, stack: readonly string[]): unknown => {
    if (value === true) return {};
    if (!isRecord(value)) return value;
    let node: SchemaNode = { ...value };
    const rawRef = node['$ref'];
    const ref =
      typeof rawRef === 'string' ? rawRef.replace('#/definitions/', '#/$defs/') : undefined;
    if (ref !== undefined && defs.has(ref)) {
      if (stack.includes(ref)) {
        recursive = true;
        return { $ref: ref };
      }
      const { $ref: _ignored, ...siblings } = node;
      const target = defs.get(ref);
      node = { ...(isRecord(target) ? target : {}), ...siblings };
      stack = [...stack, ref];
    }
    if (Array.isArray(node['allOf'])) node = mergeAllOf(node, node['allOf']);
    const out: SchemaNode = {};
    for (const [key, child] of Object.entries(node)) {
      if (DROPPED.has(key) || key.startsWith('x-') || key === '$defs' || key === 'definitions')
        continue;
      if (key === 'default') continue;
      if (HINTED.includes(key)) continue;
      if (key === 'properties' && isRecord(child)) {
        out[key] = Object.fromEntries(
          Object.entries(child).map(([name, sub]) => [name, visit(sub, stack)]),
        );
      } else if ((key === 'items' || key === 'additionalProperties') && isRecord(child)) {
        out[key] = visit(child, stack);
      } else if (SUBSCHEMA_LISTS.includes(key) && Array.isArray(child)) {
        out[key] = child.map((sub) => visit(sub, stack));
      } else {
        out[key] = child;
      }
    }
    if ('const' in out) {
      out['enum'] = [out['const']];
      delete out['const'];
    }
    normalizeEnum(out);
    for (const key of HINTED) if (key in node) addHint(out, `(${key}: ${hintValue(node[key])})`);
    if ('default' in node) addHint(out, `(default: ${hintValue(node['default'])})`);
    if (out['type'] === undefined && isRecord(out['properties'])) out['type'] = 'object';
    filterRequired(out);
    return out;
  };
  const result = visit(schema, []) as SchemaNode;
  if (recursive) {
    const kept: SchemaNode = {};
    for (const [ref, target] of defs) {
      if (ref.startsWith('#/$defs/')) kept[ref.slice('#/$defs/'.length)] = visit(target, [ref]);
    }
    result['$defs'] = kept;
  }
  if (root === 'function') {
    const type = result['type'];
    if (type === undefined) result['type'] = 'object';
    else if (type !== 'object') {
      throw new TranslationError({
        message: 'Function parameters must be a JSON Schema of type "object".',
        param,
      });
    }
  }
  return result;
}

function normalizeEnum(node: SchemaNode): void {
  const values = node['enum'];
  if (!Array.isArray(values)) return;
  if (values.some((value) => typeof value === 'boolean')) {
    delete node['enum'];
    return;
  }
  if (values.includes(null)) {
    node['enum'] = values.filter((value) => value !== null);
    const type = node['type'];
    if (typeof type === 'string') node['type'] = [type, 'null'];
    else if (Array.isArray(type) && !type.includes('null')) node['type'] = [...type, 'null'];
  }
}
