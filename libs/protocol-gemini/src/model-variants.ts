import type { GeminiModelInfo } from './model-catalog';

/**
 * What a variant suffix asks for: the `googleSearch` tool (`-search`) and/or a thinking setting
 * (`-nothinking`: the lowest the model allows; `-maxthinking`: the highest).
 */
export interface GeminiModelVariant {
  search: boolean;
  thinking: 'default' | 'off' | 'max';
}

/** No variant: the model as it is. */
export const DEFAULT_VARIANT: GeminiModelVariant = Object.freeze({
  search: false,
  thinking: 'default',
});

const SEARCH = '-search';
const THINKING_SUFFIXES = { '-nothinking': 'off', '-maxthinking': 'max' } as const;

/**
 * Splits `gemini-2.5-flash-search-nothinking` into the base name and the variant. Suffixes may
 * come in any order, each at most once, and `-nothinking`/`-maxthinking` exclude each other; a
 * suffix that breaks these rules stays part of the base name (which then matches no model).
 */
export function splitModelVariant(name: string): { base: string; variant: GeminiModelVariant } {
  let base = name;
  let search = false;
  let thinking: GeminiModelVariant['thinking'] = 'default';
  for (;;) {
    if (!search && base.endsWith(SEARCH) && base.length > SEARCH.length) {
      search = true;
      base = base.slice(0, -SEARCH.length);
      continue;
    }
    const suffix = (Object.keys(THINKING_SUFFIXES) as (keyof typeof THINKING_SUFFIXES)[]).find(
      (candidate) => base.endsWith(candidate) && base.length > candidate.length,
    );
    if (thinking === 'default' && suffix !== undefined) {
      thinking = THINKING_SUFFIXES[suffix];
      base = base.slice(0, -suffix.length);
      continue;
    }
    return { base, variant: { search, thinking } };
  }
}

/** The canonical suffix of a variant: `-search`, `-nothinking`, `-search-maxthinking`, or ''. */
export function variantSuffix(variant: GeminiModelVariant): string {
  const thinking =
    variant.thinking === 'off' ? '-nothinking' : variant.thinking === 'max' ? '-maxthinking' : '';
  return `${variant.search ? SEARCH : ''}${thinking}`;
}

/**
 * The variants listed for a model, the plain model first. Thinking variants exist only for
 * models with a known thinking control; image and embedding models have none.
 */
export function listModelVariants(model: GeminiModelInfo): GeminiModelVariant[] {
  if (model.kind !== undefined && model.kind !== 'text') return [DEFAULT_VARIANT];
  const thinking: GeminiModelVariant['thinking'][] =
    model.thinking === 'none' ? ['default'] : ['default', 'off', 'max'];
  const variants: GeminiModelVariant[] = [];
  for (const search of [false, true]) {
    for (const level of thinking) variants.push({ search, thinking: level });
  }
  return variants;
}
