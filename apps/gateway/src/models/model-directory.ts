import type {
  GeminiModelCatalog,
  GeminiModelInfo,
  ResolvedGeminiModel,
} from '@geminicli2api/protocol-gemini';

/** A catalog whose models can be refreshed from the upstream's own list while the gateway runs. */
export interface ModelDirectory extends GeminiModelCatalog {
  /** Rebuilds the catalog with these upstream models merged in (the previous discovery is replaced). */
  update(discovered: readonly GeminiModelInfo[]): void;
  /** When the upstream's list was last merged (epoch ms), undefined before the first. */
  readonly discoveredAt: number | undefined;
}

/**
 * Wraps a catalog factory: every surface holds the same directory, so after an update every model
 * list and every resolve sees the same models.
 */
export function createModelDirectory(
  build: (discovered: readonly GeminiModelInfo[]) => GeminiModelCatalog,
  now: () => number = Date.now,
): ModelDirectory {
  let current = build([]);
  let discoveredAt: number | undefined;
  return {
    get models() {
      return current.models;
    },
    get aliases() {
      return current.aliases;
    },
    get discoveredAt() {
      return discoveredAt;
    },
    list: () => current.list(),
    resolve: (name: string): ResolvedGeminiModel | undefined => current.resolve(name),
    suggest: (name, limit) => current.suggest(name, limit),
    update(discovered) {
      current = build(discovered);
      discoveredAt = now();
    },
  };
}
