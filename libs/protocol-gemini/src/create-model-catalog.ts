import {
  describeGeminiModel,
  GEMINI_MODELS,
  normalizeModelId,
  type GeminiModelInfo,
} from './model-catalog';
import {
  createAliasMatcher,
  DEFAULT_MODEL_ALIASES,
  type ModelAliasRule,
} from './model-alias-rules';
import {
  DEFAULT_VARIANT,
  listModelVariants,
  splitModelVariant,
  variantSuffix,
  type GeminiModelVariant,
} from './model-variants';

/** Options of {@link createModelCatalog}. */
export interface ModelCatalogOptions {
  /** Ids added after the built-in ones (their thinking control is inferred from the name). */
  extraModels?: readonly string[];
  /** Alternative names: `alias → target`, where the target is a model id, possibly with a variant. */
  aliases?: Readonly<Record<string, string>>;
  /**
   * `MODEL_ALIASES`: rules (`*` globs allowed) tried before the catalog's own names, so they may
   * also redirect a model id.
   */
  aliasRules?: readonly ModelAliasRule[];
  /** Rules tried after everything else (default: {@link DEFAULT_MODEL_ALIASES}, the Claude ids). */
  defaultAliasRules?: readonly ModelAliasRule[];
  /** Replaces the built-in models (tests). */
  models?: readonly GeminiModelInfo[];
  /** Models learned from the upstream's own list, added after the others when new. */
  discovered?: readonly GeminiModelInfo[];
  /**
   * Ids not in the catalog that are still tried upstream (e.g. any `gemini-*`): resolved with the
   * description their name implies, flagged `unlisted` — unless the id looks like a typo of a
   * listed one (the same version numbers, at most two edits away).
   */
  acceptUnlisted?: (id: string) => boolean;
}

/** A name a client sent, resolved to a catalog model and the variant it asks for. */
export interface ResolvedGeminiModel {
  /** The name as the client wrote it, without `models/`. */
  name: string;
  model: GeminiModelInfo;
  variant: GeminiModelVariant;
  /** True for an id the catalog does not list, accepted by `acceptUnlisted` and tried upstream. */
  unlisted?: boolean;
}

/** One entry of the model lists: a model, or one of its variants. */
export interface ListedGeminiModel {
  name: string;
  model: GeminiModelInfo;
  variant: GeminiModelVariant;
}

/** The models a gateway serves, with aliases, variants and suggestions for typos. */
export interface GeminiModelCatalog {
  readonly models: readonly GeminiModelInfo[];
  readonly aliases: Readonly<Record<string, string>>;
  /** Every model and variant, in list order. */
  list(): readonly ListedGeminiModel[];
  /** Resolves a requested name (`models/` prefix, alias and variant suffixes accepted). */
  resolve(name: string): ResolvedGeminiModel | undefined;
  /** Listed names and aliases closest to `name` (by edit distance), best first. */
  suggest(name: string, limit?: number): string[];
}

const MAX_ALIAS_DEPTH = 5;

/**
 * Builds the catalog. Throws an `Error` naming the alias when an alias shadows a model or points
 * at a name that does not resolve.
 */
export function createModelCatalog({
  extraModels = [],
  aliases = {},
  aliasRules = [],
  defaultAliasRules = DEFAULT_MODEL_ALIASES,
  models: baseModels = GEMINI_MODELS,
  discovered = [],
  acceptUnlisted,
}: ModelCatalogOptions = {}): GeminiModelCatalog {
  const models = [...baseModels];
  for (const model of discovered) {
    if (!models.some((entry) => entry.id === model.id)) models.push(model);
  }
  for (const id of extraModels.map(normalizeModelId)) {
    if (id && !models.some((entry) => entry.id === id)) models.push(describeGeminiModel(id));
  }
  const byId = new Map(models.map((entry) => [entry.id, entry]));
  const aliasMap = new Map(
    Object.entries(aliases).map(([alias, target]) => [normalizeModelId(alias), target]),
  );

  const resolve = (requested: string, depth = 0): ResolvedGeminiModel | undefined => {
    const name = normalizeModelId(requested.trim());
    const exact = byId.get(name);
    if (exact) return { name, model: exact, variant: DEFAULT_VARIANT };
    const { base, variant } = splitModelVariant(name);
    const model = byId.get(base);
    if (model) return { name, model, variant };
    if (depth >= MAX_ALIAS_DEPTH) return undefined;
    const direct = aliasMap.get(name);
    if (direct !== undefined) {
      const target = resolve(direct, depth + 1);
      return target && { ...target, name };
    }
    const aliased = aliasMap.get(base);
    const target = aliased === undefined ? undefined : resolve(aliased, depth + 1);
    if (!target) return undefined;
    return { name, model: target.model, variant: mergeVariants(variant, target.variant) };
  };

  const userRule = createAliasMatcher(aliasRules);
  const defaultRule = createAliasMatcher(defaultAliasRules);
  const viaRule = (
    match: (name: string) => ModelAliasRule | undefined,
    name: string,
  ): ResolvedGeminiModel | undefined => {
    // Variant suffixes first, so `gpt-*` on `gpt-4o-search` keeps the search the client asked for.
    const { base, variant } = splitModelVariant(name);
    const onBase = base === name ? undefined : match(base);
    if (onBase) {
      const target = resolveTarget(onBase.target);
      return (
        target && { name, model: target.model, variant: mergeVariants(variant, target.variant) }
      );
    }
    const whole = match(name);
    const target = whole && resolveTarget(whole.target);
    return target && { ...target, name };
  };
  const resolveAny = (requested: string): ResolvedGeminiModel | undefined => {
    const name = normalizeModelId(requested.trim());
    return viaRule(userRule, name) ?? resolve(name) ?? viaRule(defaultRule, name) ?? unlisted(name);
  };
  // A rule may point at a model the catalog does not list yet (accepted by `acceptUnlisted`).
  const resolveTarget = (target: string): ResolvedGeminiModel | undefined =>
    resolve(target, 1) ?? unlisted(normalizeModelId(target.trim()));
  const unlisted = (name: string): ResolvedGeminiModel | undefined => {
    const { base, variant } = splitModelVariant(name);
    if (!acceptUnlisted?.(base) || looksLikeTypo(base)) return undefined;
    return { name, model: describeGeminiModel(base), variant, unlisted: true };
  };

  // `gemini-2.5-flsh` is a typo of a listed model (same version numbers, ≤ 2 edits), refused with
  // suggestions; `gemini-3.7-flash` is a model the catalog does not know yet, tried upstream.
  const looksLikeTypo = (id: string): boolean => {
    const digits = (name: string) => (name.match(/\d+/g) ?? []).join('.');
    return models.some(
      (model) => digits(model.id) === digits(id) && editDistance(model.id, id) <= 2,
    );
  };

  for (const rule of aliasRules) {
    if (!resolveTarget(rule.target))
      throw new Error(`alias "${rule.pattern}" points to unknown model "${rule.target}"`);
  }
  for (const [alias, target] of aliasMap) {
    if (byId.has(alias)) throw new Error(`alias "${alias}" has the name of a model`);
    if (!resolve(target)) throw new Error(`alias "${alias}" points to unknown model "${target}"`);
  }

  const listed: ListedGeminiModel[] = models.flatMap((model) =>
    listModelVariants(model).map((variant) => ({
      name: `${model.id}${variantSuffix(variant)}`,
      model,
      variant,
    })),
  );
  const names = [
    ...listed.map((entry) => entry.name),
    ...aliasMap.keys(),
    ...aliasRules.filter((rule) => !rule.pattern.includes('*')).map((rule) => rule.pattern),
  ];

  return {
    models,
    aliases: Object.fromEntries(aliasMap),
    list: () => listed,
    resolve: resolveAny,
    suggest(name, limit = 5) {
      const wanted = normalizeModelId(name.trim()).toLowerCase();
      const threshold = Math.max(3, Math.floor(wanted.length * 0.3));
      return names
        .map((candidate) => ({
          candidate,
          distance: editDistance(wanted, candidate.toLowerCase()),
        }))
        .filter(
          ({ candidate, distance }) =>
            distance <= threshold || (wanted.length >= 4 && candidate.startsWith(wanted)),
        )
        .sort((a, b) => a.distance - b.distance || a.candidate.length - b.candidate.length)
        .slice(0, limit)
        .map(({ candidate }) => candidate);
    },
  };
}

/** The client's suffixes on top of the alias target's: search if either asks, the client's thinking first. */
function mergeVariants(
  requested: GeminiModelVariant,
  target: GeminiModelVariant,
): GeminiModelVariant {
  return {
    search: requested.search || target.search,
    thinking: requested.thinking === 'default' ? target.thinking : requested.thinking,
  };
}

/** Levenshtein distance (insert, delete, substitute all cost 1). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
