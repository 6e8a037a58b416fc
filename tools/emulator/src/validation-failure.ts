/** The first rule a request broke: the HTTP code, Google status and message to answer with. */
export interface ValidationFailure {
  code: number;
  status: string;
  message: string;
}

/** A 400 `INVALID_ARGUMENT` failure. */
export function invalidArgument(message: string): ValidationFailure {
  return { code: 400, status: 'INVALID_ARGUMENT', message };
}

/** Google's message for a JSON key its proto parser does not know. */
export function unknownFieldMessage(key: string, path: string): string {
  const where = path === '' ? '' : ` at '${path}'`;
  return `Invalid JSON payload received. Unknown name "${key}"${where}: Cannot find field.`;
}

/** The first key of `object` not in `allowed`, if any. */
export function firstUnknownKey(
  object: Record<string, unknown>,
  allowed: ReadonlySet<string>,
): string | undefined {
  return Object.keys(object).find((key) => !allowed.has(key));
}
