import { normalizeRequestKeys as normalizeKeys } from '@geminicli2api/protocol-gemini';

/**
 * Rewrites snake_case keys of a Code Assist request body to camelCase with protocol-gemini's one
 * normaliser (user data and JSON Schemas stay as sent).
 *
 * `inlineData.mime_type` is deliberately kept as is: the strict contract (translation.md §0,
 * §1.11) treats emitting it as a translator bug, so validation rejects it.
 */
export function normalizeRequestKeys(value: unknown): unknown {
  return normalizeKeys(value, {
    keep: (parentKey, key) => parentKey === 'inlineData' && key === 'mime_type',
  });
}
