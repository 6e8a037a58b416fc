/** Compiles model globs (`gemini-2.5-*`, `claude-?-opus`) into one case-insensitive matcher. */
export function compileModelGlobs(globs: readonly string[]): (model: string) => boolean {
  const pattern = globs
    .map((glob) =>
      glob
        .split('')
        .map((char) =>
          char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\/-]/g, '\\$&'),
        )
        .join(''),
    )
    .join('|');
  const regex = new RegExp(`^(?:${pattern})$`, 'i');
  return (model) => regex.test(model) || regex.test(model.replace(/^models\//, ''));
}
