/**
 * Alias rules: a pattern a client's model name may match (exactly, or with `*` standing for any
 * run of characters) and the model that serves it. Used for `MODEL_ALIASES` and for the built-in
 * table that lets Claude clients (which send ids such as `claude-opus-5-5`) work unconfigured.
 */
export interface ModelAliasRule {
  /** `claude-*opus*`, `gpt-4o`; matched case-insensitively against the whole name. */
  pattern: string;
  /** A model id, possibly with variant suffixes (`gemini-2.5-flash-nothinking`). */
  target: string;
}

/**
 * The built-in rules, applied after the user's rules and after the catalog's own names, so a
 * client that sends a Claude model id is served by a comparable Gemini model:
 * Opus → Gemini 3.1 Pro, Sonnet → Gemini 3.5 Flash, Haiku → Gemini 2.5 Flash, any other
 * `claude-*` id → Gemini 3.5 Flash; OpenAI's embedding ids (`text-embedding-3-small`…) →
 * gemini-embedding-001; its image ids (`dall-e-3`, `gpt-image-1`) → gemini-2.5-flash-image.
 */
export const DEFAULT_MODEL_ALIASES: readonly ModelAliasRule[] = Object.freeze([
  { pattern: 'claude-*opus*', target: 'gemini-3.1-pro-preview' },
  { pattern: 'claude-*sonnet*', target: 'gemini-3.5-flash' },
  { pattern: 'claude-*haiku*', target: 'gemini-2.5-flash' },
  { pattern: 'claude-*', target: 'gemini-3.5-flash' },
  { pattern: 'text-embedding-3-*', target: 'gemini-embedding-001' },
  { pattern: 'text-embedding-ada-002', target: 'gemini-embedding-001' },
  { pattern: 'dall-e-*', target: 'gemini-2.5-flash-image' },
  { pattern: 'gpt-image-*', target: 'gemini-2.5-flash-image' },
]);

/** A rule compiled for matching. */
interface CompiledRule extends ModelAliasRule {
  test: (name: string) => boolean;
}

/** True when the pattern holds a `*`. */
export function isGlobPattern(pattern: string): boolean {
  return pattern.includes('*');
}

function compile(rule: ModelAliasRule): CompiledRule {
  const pattern = rule.pattern.toLowerCase();
  if (!isGlobPattern(pattern)) return { ...rule, test: (name) => name.toLowerCase() === pattern };
  const source = pattern
    .split('*')
    .map((piece) => piece.replace(/[.+?^${}()|[\]\\/-]/g, '\\$&'))
    .join('.*');
  const regex = new RegExp(`^${source}$`);
  return { ...rule, test: (name) => regex.test(name.toLowerCase()) };
}

/**
 * Compiles rules into a matcher returning the first matching rule: an exact (star-free) pattern
 * wins over any glob, globs are tried in the order given.
 */
export function createAliasMatcher(
  rules: readonly ModelAliasRule[],
): (name: string) => ModelAliasRule | undefined {
  const compiled = rules.map(compile);
  const exact = compiled.filter((rule) => !isGlobPattern(rule.pattern));
  const globs = compiled.filter((rule) => isGlobPattern(rule.pattern));
  return (name) => {
    const hit = exact.find((rule) => rule.test(name)) ?? globs.find((rule) => rule.test(name));
    return hit && { pattern: hit.pattern, target: hit.target };
  };
}
