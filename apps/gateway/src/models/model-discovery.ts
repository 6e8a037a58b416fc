import type { Logger } from 'winston';
import type { GeminiBackend } from '../upstream/gemini-backend';
import type { ModelDirectory } from './model-directory';

/** Options of {@link startModelDiscovery}. */
export interface ModelDiscoveryOptions {
  backend: GeminiBackend | undefined;
  directory: ModelDirectory;
  /** `MODEL_DISCOVERY_INTERVAL_MS`: how often the list is read again; 0 turns discovery off. */
  intervalMs: number;
  logger: Logger;
}

/** A running discovery. */
export interface ModelDiscovery {
  /** Resolves after the first read finished (or failed), or after `waitMs`, whichever is first. */
  firstRead(waitMs: number): Promise<void>;
  stop(): void;
}

/**
 * Reads the upstream's own model list (Gemini API, Vertex AI) at start and then every
 * `intervalMs` (0: never), merging it into the directory every surface uses. A failed read is logged and the
 * previous list stays.
 */
export function startModelDiscovery({
  backend,
  directory,
  intervalMs,
  logger,
}: ModelDiscoveryOptions): ModelDiscovery {
  const listModels = backend?.listModels;
  if (!backend || !listModels || intervalMs === 0)
    return { firstRead: () => Promise.resolve(), stop: () => undefined };
  let stopped = false;
  const refresh = async (): Promise<void> => {
    try {
      const models = await listModels.call(backend);
      if (stopped) return;
      const before = new Set(directory.models.map((model) => model.id));
      directory.update(models);
      const added = directory.models.filter((model) => !before.has(model.id)).map((m) => m.id);
      logger.info('models discovered', {
        backend: backend.name,
        upstream: models.length,
        ...(added.length > 0 ? { added } : {}),
      });
    } catch (error) {
      logger.warn('model discovery failed; the model list stays as it was', {
        backend: backend.name,
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  };
  const ready = refresh();
  const timer = setInterval(() => void refresh(), intervalMs);
  timer.unref();
  return {
    firstRead: (waitMs) =>
      new Promise<void>((resolve) => {
        const cap = setTimeout(resolve, waitMs);
        void ready.then(() => {
          clearTimeout(cap);
          resolve();
        });
      }),
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
