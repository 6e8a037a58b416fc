import { isRecord } from '../translation-options';

/** A JSON Schema node as a plain object. */
export type SchemaNode = Record<string, unknown>;

/** Appends a short hint to a node's description so the model still sees a dropped constraint. */
export function addHint(node: SchemaNode, hint: string): void {
  const description = typeof node['description'] === 'string' ? node['description'] : '';
  node['description'] = description === '' ? hint : `${description} ${hint}`;
}

/** Renders a keyword value compactly for a description hint. */
export function hintValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Local `$defs`/`definitions` of a root schema, keyed by the ref string that points at them. */
export function collectDefinitions(root: SchemaNode): Map<string, unknown> {
  const defs = new Map<string, unknown>();
  for (const key of ['$defs', 'definitions']) {
    const group = root[key];
    if (!isRecord(group)) continue;
    for (const [name, schema] of Object.entries(group)) {
      defs.set(`#/${key}/${name}`, schema);
      defs.set(`#/$defs/${name}`, schema);
    }
  }
  return defs;
}

/** Last path segment of a local ref (`#/$defs/Unit` → `Unit`). */
export function refName(ref: string): string {
  return ref.split('/').pop() ?? ref;
}

/** Merges `allOf` branches into the parent: union of properties and required, first wins. */
export function mergeAllOf(node: SchemaNode, branches: readonly unknown[]): SchemaNode {
  const merged: SchemaNode = { ...node };
  delete merged['allOf'];
  for (const branch of branches) {
    if (!isRecord(branch)) continue;
    for (const [key, value] of Object.entries(branch)) {
      if (key === 'properties' && isRecord(value)) {
        const properties = isRecord(merged['properties']) ? { ...merged['properties'] } : {};
        for (const [name, schema] of Object.entries(value))
          if (!(name in properties)) properties[name] = schema;
        merged['properties'] = properties;
      } else if (key === 'required' && Array.isArray(value)) {
        const required = Array.isArray(merged['required']) ? [...merged['required']] : [];
        for (const name of value) if (!required.includes(name)) required.push(name);
        merged['required'] = required;
      } else if (!(key in merged)) {
        merged[key] = value;
      }
    }
  }
  return merged;
}

/** Drops `required` names that are not in `properties`. */
export function filterRequired(node: SchemaNode): void {
  const required = node['required'];
  if (!Array.isArray(required)) return;
  const properties = isRecord(node['properties']) ? node['properties'] : {};
  const kept = required.filter(
    (name): name is string => typeof name === 'string' && name in properties,
  );
  if (kept.length > 0) node['required'] = kept;
  else delete node['required'];
}
