/** A parsed JSON object (the emulator reads vendor data as `unknown` and narrows it). */
export type JsonObject = Record<string, unknown>;

/** True when `value` is a plain JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Returns `value` when it is a string, otherwise `undefined`. */
export function stringField(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
