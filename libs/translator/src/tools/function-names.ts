/** The pattern Gemini enforces on function names. */
export const GEMINI_FUNCTION_NAME = /^[a-zA-Z_][a-zA-Z0-9_.:-]{0,63}$/;

/**
 * Makes an OpenAI function name acceptable to Gemini: invalid characters become `_`, a name that
 * does not start with a letter or `_` gets a `_` prefix, and the result is cut to 64 characters.
 * Valid names are returned unchanged.
 */
export function sanitizeFunctionName(name: string): string {
  if (GEMINI_FUNCTION_NAME.test(name)) return name;
  let out = name.replace(/[^a-zA-Z0-9_.:-]/g, '_');
  if (!/^[a-zA-Z_]/.test(out)) out = `_${out}`;
  return out.slice(0, 64);
}

/** Restores a Gemini function name to the client's spelling using a request's name map. */
export function restoreFunctionName(
  name: string,
  names: ReadonlyMap<string, string> | undefined,
): string {
  return names?.get(name) ?? name;
}
